/**
 * The body of one delivery: what changed in a coalesced batch, said once per document.
 */
import type { RebuildAction, RebuildEvent, SiteChange, SiteChangedPayload } from './types';
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

/** What a target was sent before and never received: the body of a delivery that failed or was cancelled. */
export type OwedDelivery = Pick<SiteChangedPayload, 'changes' | 'railVersion' | 'resync' | 'firstEventAt' | 'lastEventAt'>;

/** Where one delivery sits in its target's stream, and what it must carry besides new events. */
export interface BatchContext {
  /** This delivery's place in its target's stream: the last one's plus one. */
  sequence: number;
  /** Undelivered earlier deliveries, oldest first: their changes go out again in this one. */
  owed?: OwedDelivery[];
  /** More distinct changes than this and the delivery asks for a full rebuild instead of listing them. */
  maxChanges?: number;
  /** The target's change log lost changes (pruned, or more than a batch holds): only a full rebuild is safe. */
  resyncOwed?: boolean;
  /** When the batch is formed: its times when nothing in it has one (a resync for a pruned log). */
  formedAt?: Date;
}

/** A carried change as an event at the time its delivery was last known, so newer events win. */
function owedEvents(owed: OwedDelivery[]): RebuildEvent[] {
  return owed.flatMap((delivery) =>
    delivery.changes.map((change) => ({
      type: change.type,
      documentId: change.documentId,
      slug: change.slug,
      action: change.action as RebuildAction,
      railVersion: delivery.railVersion,
      ...(change.category !== undefined ? { category: change.category, previousCategory: change.previousCategory ?? change.category } : {}),
      createdAt: delivery.lastEventAt,
    }))
  );
}

/**
 * The body of one delivery to one target: the changes it owes from undelivered earlier deliveries
 * and the new events, said once per document.
 *
 * Repeats of the same document keep its LAST action (publish then unpublish => unpublish: the
 * frontend only needs the end state), except that a create stays a create through later updates.
 * Changes are ordered by the time of that last event, so the list reads as the order in which
 * documents reached their end state. Equal timestamps keep the caller's order (owed first, then the
 * outbox in id order, which is write order).
 *
 * A delete or unpublish event may carry no slug; the document's most recent known slug is kept
 * then, because the frontend needs it to remove the page. An article names its category after the
 * last change and, when that differs from the category it had before the first, the previous one.
 *
 * railVersion is the highest seen (versions only grow; a stale one would make the frontend fetch an
 * old rail); count is the number of distinct changes. When something owed was a resync, the change
 * log lost changes, or there are more than `maxChanges`, the list is dropped and `resync` is true.
 *
 * Throws when there is nothing to say: a delivery that says nothing changed is a dispatcher bug.
 */
export function buildSiteChangedPayload(deliveryId: string, events: RebuildEvent[], batch: BatchContext): SiteChangedPayload {
  const owed = batch.owed ?? [];
  const all = [...owedEvents(owed), ...events];
  const resyncAsked = Boolean(batch.resyncOwed) || owed.some((delivery) => delivery.resync);
  if (all.length === 0 && !resyncAsked) throw new Error('buildSiteChangedPayload: a delivery needs at least one event');

  const timed = all
    .map((event, index) => ({ event, index, at: instantMs(event.createdAt, `event ${event.id ?? index} createdAt`) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);

  interface Latest {
    event: RebuildEvent;
    action: string;
    slug: string | null;
    categoryBefore: string | null | undefined;
  }
  const latestByDocument = new Map<string, Latest>();
  let railVersion: number | null = null;
  for (const { event } of timed) {
    const key = documentKey(event);
    const previous = latestByDocument.get(key);
    const action = previous?.action === 'create' && event.action === 'update' ? 'create' : event.action;
    // delete() then set() moves the key to the end: Map order becomes "order of last event".
    latestByDocument.delete(key);
    latestByDocument.set(key, {
      event,
      action,
      slug: event.slug ?? previous?.slug ?? null,
      // A change carried from before categories were recorded knows none; a later event's fills in.
      categoryBefore: previous && previous.categoryBefore !== undefined ? previous.categoryBefore : event.previousCategory,
    });
    const version = event.railVersion;
    if (typeof version === 'number' && Number.isFinite(version) && (railVersion === null || version > railVersion)) {
      railVersion = version;
    }
  }
  for (const delivery of owed) {
    if (delivery.railVersion !== null && (railVersion === null || delivery.railVersion > railVersion)) railVersion = delivery.railVersion;
  }

  const changes: SiteChange[] = [...latestByDocument.values()].map(({ event, action, slug, categoryBefore }) => {
    const change: SiteChange = { type: event.type, documentId: event.documentId ?? null, slug, action };
    if (event.category !== undefined) {
      change.category = event.category;
      if (categoryBefore !== undefined && categoryBefore !== null && categoryBefore !== event.category) change.previousCategory = categoryBefore;
    }
    return change;
  });

  const resync = resyncAsked || changes.length > (batch.maxChanges ?? Infinity);
  const times = [...timed.map(({ at }) => at), ...owed.flatMap((delivery) => [Date.parse(delivery.firstEventAt), Date.parse(delivery.lastEventAt)])];
  if (times.length === 0) times.push((batch.formedAt ?? new Date()).getTime());
  return {
    event: 'site.changed',
    deliveryId,
    sequence: batch.sequence,
    resync,
    changes: resync ? [] : changes,
    railVersion,
    count: resync ? 0 : changes.length,
    firstEventAt: new Date(Math.min(...times)).toISOString(),
    lastEventAt: new Date(Math.max(...times)).toISOString(),
  };
}
