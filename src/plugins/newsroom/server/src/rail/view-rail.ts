import { DEFAULT_RAIL_LIMIT, MAX_RAIL_LIMIT, type AssembledRail, type RailCard, type StoredRailCard } from './types';

export interface ViewRailOptions {
  /** How many cards to show: an integer 1..MAX_RAIL_LIMIT; DEFAULT_RAIL_LIMIT when absent. */
  limit?: number;
  /** An article's slug or documentId: its own page shows the rail without its own card. */
  exclude?: string;
}

/**
 * Cuts the stored rail for one request, in O(limit).
 *
 * Sponsored slots and pinned cards (both "slots" here) keep their positions whatever is excluded:
 * position p shows the slot for p when there is one, otherwise the next timeline card that is not
 * excluded, so excluding an article shifts only the timeline cards up and backfills the end. A slot beyond `limit` is not shown. When
 * the timeline runs out before a slot's position, the remaining slots within the limit follow
 * straight on, because the view has no gaps (positions are 1..n).
 *
 * The rail was deduped when it was assembled, so the view does not dedupe again. `limit` is expected
 * to be validated already (parseRailQuery); a bad one is a programming error and throws RangeError.
 */
export function viewRail(rail: AssembledRail, options: ViewRailOptions = {}): RailCard[] {
  const limit = options.limit ?? DEFAULT_RAIL_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RAIL_LIMIT) {
    throw new RangeError(`limit must be an integer between 1 and ${MAX_RAIL_LIMIT}, got ${String(limit)}`);
  }
  const exclude = options.exclude === undefined || options.exclude === '' ? null : options.exclude;
  const isExcluded = (card: StoredRailCard): boolean =>
    exclude !== null && card.article !== null && (card.article.documentId === exclude || card.article.slug === exclude);

  const view: RailCard[] = [];
  const { editorial } = rail;
  // The assembly never gives a pin a sponsored slot's position.
  const slots = rail.pinnedSlots?.length ? [...rail.sponsoredSlots, ...rail.pinnedSlots].sort((a, b) => a.position - b.position) : rail.sponsoredSlots;
  let nextEditorial = 0;
  let nextSlot = 0;
  // Slots are stored ascending by position, so the walk stops at the first one beyond the limit.
  const nextShowableSlot = (): StoredRailCard | null => {
    while (nextSlot < slots.length && slots[nextSlot].position <= limit) {
      const slot = slots[nextSlot];
      if (!isExcluded(slot.card)) return slot.card;
      nextSlot += 1;
    }
    return null;
  };
  const nextShowableEditorial = (): StoredRailCard | null => {
    while (nextEditorial < editorial.length) {
      const card = editorial[nextEditorial];
      if (!isExcluded(card)) return card;
      nextEditorial += 1;
    }
    return null;
  };

  while (view.length < limit) {
    const position = view.length + 1;
    const slot = nextShowableSlot();
    if (slot !== null && slots[nextSlot].position <= position) {
      view.push(withPosition(slot, position));
      nextSlot += 1;
      continue;
    }
    const card = nextShowableEditorial();
    if (card !== null) {
      view.push(withPosition(card, position));
      nextEditorial += 1;
      continue;
    }
    if (slot === null) break;
    view.push(withPosition(slot, position));
    nextSlot += 1;
  }
  return view;
}

/** A fresh card, so a caller changing the view cannot change the stored rail. */
function withPosition(card: StoredRailCard, position: number): RailCard {
  return {
    position,
    text: card.text,
    kind: card.kind,
    sponsor: card.sponsor,
    article: card.article === null ? null : { ...card.article },
  };
}
