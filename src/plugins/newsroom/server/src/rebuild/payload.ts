/**
 * The body of one delivery: what changed in a coalesced batch, said once per document.
 */
import type { RebuildEvent, SiteChange, SiteChangedPayload } from './types';
import { instantMs } from './time';

/**
 * Which events are "the same document". documentId is Strapi 5's id, shared by a document's draft
 * and published versions, so it survives a slug change; a slug is only a fallback for events that
 * have no documentId; an event with neither (a rail version) is one thing per type, so a burst of
 * rail versions becomes one 'rail' change. The type is part of the key because ids are per type.
 */
function documentKey(event: RebuildEvent): string {
  if (event.documentId !== null && event.documentId !== undefined) {
    return `${event.type}\u0000id\u0000${event.documentId}`;
  }
  if (event.slug !== null && event.slug !== undefined) return `${event.type}\u0000slug\u0000${event.slug}`;
  return `${event.type}\u0000type`;
}

/**
 * Collapses repeats of the same document, keeping its LAST action (publish then unpublish =>
 * unpublish: the frontend only needs the end state). Changes are ordered by the time of that last
 * event, so the list reads as the order in which documents reached their end state. Equal
 * timestamps keep the caller's order (the outbox is read in id order, which is write order).
 *
 * A delete or unpublish event may carry no slug; the document's most recent known slug is kept
 * then, because the frontend needs it to remove the page.
 *
 * railVersion is the highest seen on any event (versions only grow; a stale one would make the
 * frontend fetch an old rail); count is the number of distinct changes.
 *
 * Throws on an empty batch: a delivery that says nothing changed is a dispatcher bug.
 */
export function buildSiteChangedPayload(deliveryId: string, events: RebuildEvent[]): SiteChangedPayload {
  if (events.length === 0) throw new Error('buildSiteChangedPayload: a delivery needs at least one event');

  const timed = events
    .map((event, index) => ({ event, index, at: instantMs(event.createdAt, `event ${event.id ?? index} createdAt`) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);

  const latestByDocument = new Map<string, { event: RebuildEvent; at: number; slug: string | null }>();
  let railVersion: number | null = null;
  for (const { event, at } of timed) {
    const key = documentKey(event);
    const previousSlug = latestByDocument.get(key)?.slug ?? null;
    // delete() then set() moves the key to the end: Map order becomes "order of last event".
    latestByDocument.delete(key);
    latestByDocument.set(key, { event, at, slug: event.slug ?? previousSlug });
    const version = event.railVersion;
    if (typeof version === 'number' && Number.isFinite(version) && (railVersion === null || version > railVersion)) {
      railVersion = version;
    }
  }

  const changes: SiteChange[] = [...latestByDocument.values()].map(({ event, slug }) => ({
    type: event.type,
    documentId: event.documentId ?? null,
    slug,
    action: event.action,
  }));

  return {
    event: 'site.changed',
    deliveryId,
    changes,
    railVersion,
    count: changes.length,
    firstEventAt: new Date(timed[0].at).toISOString(),
    lastEventAt: new Date(timed[timed.length - 1].at).toISOString(),
  };
}
