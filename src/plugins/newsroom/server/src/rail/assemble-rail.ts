import { isBlankCardText, normaliseCardText } from './card-text';
import {
  MAX_RAIL_LIMIT,
  type ArticleCandidate,
  type AssembledRail,
  type CardTarget,
  type ObservedCard,
  type ObservedRail,
  type PinnedSlot,
  type RailCuration,
  type SponsoredSlot,
  type StoredRailCard,
} from './types';

export interface AssembleRailInput {
  /** Published articles, newest N only; an unpublished or deleted article is simply not passed. */
  articles: readonly ArticleCandidate[];
  /** The latest K observed rails, in any order. */
  observed: readonly ObservedRail[];
  /**
   * How many timeline cards to keep. The default serves the largest view (MAX_RAIL_LIMIT) even
   * when the page's own article is excluded from it.
   */
  capacity?: number;
  /** What editors pinned and hid; without it the rail is the machine's alone. */
  curation?: RailCuration;
}

/**
 * Builds the rail from the candidates the service gathered. Pure, and linear in the candidates
 * (articles plus observed cards) apart from one sort; it never needs to know how many articles
 * exist in total.
 *
 * Sponsored cards. An observed sponsored card's text is only its sponsor's label, and the site puts
 * those labels in fixed slots, so they become `sponsoredSlots` at the positions where the newest
 * observation that has any showed them (positions count the cards shown above, blank cards not
 * counted since they are never shown). A label that repeats in that rail gets one slot (the first):
 * the same text twice would be a duplicate card. A published sponsored ARTICLE has a real blurb and
 * moves with time like any story, so its card joins the timeline with kind 'sponsored' and its
 * sponsor. Slots take precedence over timeline cards with the same text (one can only be a label).
 *
 * The timeline. Every card gets a time and the timeline is newest first:
 *  - an article card's time is its publishedAt;
 *  - an observed-only card's time is the observedAt of the newest observation that contains it,
 *    and within one observation the observed order is kept (higher on the page = newer).
 *  That time is only an upper bound (the story was on the site by then), so it is lowered where
 *  the observations themselves say it is older:
 *  - never later than the publishedAt of an article card shown above it in that observation,
 *    otherwise the rail would contradict the page it was seeded from;
 *  - never later than the oldest card time of a newer observation, since a card a newer rail no
 *    longer shows has slid off its bottom.
 *  Without such articles this is exactly "observedAt, newer observation first"; an article
 *  published after the observations is newer than all of them and goes on top.
 *  Ties: article cards before observed-only cards (an observed card lowered to an article's time
 *  sits below that article), articles by documentId, observed cards by observation then position.
 *
 * Identity. An observed editorial card whose normalised text equals a published article's card text
 * (or its dek) IS that article's card: it is shown once, as the article's card, at the article's
 * position. Otherwise no normalised text and no documentId appears twice; the newer card wins (an
 * article given twice keeps its newest publishedAt). Blank cards are never kept. An article's card
 * text is its `text`, else its dek, else its title, so a fresh article always has a card.
 *
 * Fragments. A scrape cut off inside its last card leaves the start of a card ("The Swiss brand's
 * new bout"), never a card of its own: it stands for the known card it begins (an article's card or
 * dek, or a card another page showed whole), and is left out while none is known.
 *
 * Curation. Editors overrule the machine: a hidden card (by article, or by normalised text) is
 * never shown, not even in a sponsored slot. A pin in force (no `until`, or `until` after `now`)
 * takes its card out of the timeline and into `pinnedSlots` at its position in every view;
 * sponsored slots stay where they are, so a pin asking for a slot's position takes the next free
 * one, as does the older of two pins asking for one position. A pin beyond the rail's length goes
 * last. An article pin whose article is not among the candidates (unpublished) shows nothing; a
 * text pin shows the card with that text, or one made from the target when no card has it.
 * `reassembleAt` is the earliest `until` in force. Both are stored only when there is a pin, so a
 * rail without curation is stored exactly as before pins existed.
 *
 * Dates that do not parse count as the oldest possible, so bad data sinks instead of throwing.
 */
export function assembleRail(input: AssembleRailInput): AssembledRail {
  const capacity = input.capacity ?? MAX_RAIL_LIMIT + 1;
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`capacity must be a positive integer, got ${String(capacity)}`);
  }

  const isHidden = hiddenTest(input.curation?.hidden ?? []);
  const observations = newestObservationsFirst(input.observed);
  const sponsoredSlots = sponsoredSlotsOf(observations, capacity).filter((slot) => !isHidden(slot.card));
  // Every normalised text already given a card; later (older) copies are duplicates.
  const shownTexts = new Set(sponsoredSlots.map((slot) => normaliseCardText(slot.card.text)));

  const { entries: articleEntries, articleByText } = articleTimeline(input.articles, shownTexts);
  const observedEntries = observedTimeline(completeFragments(observations, input.articles), articleByText, shownTexts);

  const timeline = [...articleEntries, ...observedEntries].sort(compareTimelineEntries).filter((entry) => !isHidden(entry.card));
  const pins = input.curation ? pinsInForce(input.curation) : [];
  if (pins.length === 0) {
    return { editorial: timeline.slice(0, capacity).map((entry) => entry.card), sponsoredSlots, capacity };
  }

  const pinnedCards = pins.map((pin) => takePinnedCard(pin.target, timeline, shownTexts, isHidden));
  const editorial = timeline.slice(0, capacity).map((entry) => entry.card);
  const railLength = sponsoredSlots.length + editorial.length + pinnedCards.filter((card) => card !== null).length;
  const pinnedSlots = placePins(pins, pinnedCards, sponsoredSlots, Math.max(railLength, 1));
  const expiries = pins.flatMap((pin) => (pin.until === null ? [] : [timeOf(pin.until)])).filter(Number.isFinite);
  return {
    editorial,
    sponsoredSlots,
    pinnedSlots,
    reassembleAt: expiries.length === 0 ? null : new Date(Math.min(...expiries)).toISOString(),
    capacity,
  };
}

/** Whether a card is one an editor hid, by its article or by its normalised text. */
function hiddenTest(hidden: readonly CardTarget[]): (card: StoredRailCard) => boolean {
  const articles = new Set<string>();
  const texts = new Set<string>();
  for (const target of hidden) {
    if ('article' in target) articles.add(target.article);
    else if (!isBlankCardText(target.text)) texts.add(normaliseCardText(target.text));
  }
  if (articles.size === 0 && texts.size === 0) return () => false;
  return (card) => (card.article !== null && articles.has(card.article.documentId)) || texts.has(normaliseCardText(card.text));
}

/** Pins in force at `now`, in the order they claim positions: lower position first, then newer first. */
function pinsInForce(curation: RailCuration): RailCuration['pins'][number][] {
  const now = timeOf(curation.now);
  return curation.pins
    .filter((pin) => Number.isInteger(pin.position) && pin.position >= 1 && (pin.until === null || timeOf(pin.until) > now))
    .sort((a, b) => a.position - b.position || compareNewestFirst(timeOf(a.pinnedAt), timeOf(b.pinnedAt)));
}

/**
 * The card a pin shows, taken out of the timeline; null when there is none to show (an unpublished
 * article, a hidden card, a card another pin already took, a sponsor's label that keeps its slot).
 */
function takePinnedCard(
  target: CardTarget,
  timeline: TimelineEntry[],
  shownTexts: Set<string>,
  isHidden: (card: StoredRailCard) => boolean,
): StoredRailCard | null {
  if ('article' in target) {
    const index = timeline.findIndex((entry) => entry.card.article?.documentId === target.article);
    return index >= 0 ? timeline.splice(index, 1)[0].card : null;
  }
  if (isBlankCardText(target.text)) return null;
  const key = normaliseCardText(target.text);
  const index = timeline.findIndex((entry) => normaliseCardText(entry.card.text) === key);
  if (index >= 0) return timeline.splice(index, 1)[0].card;
  if (shownTexts.has(key)) return null;
  const card: StoredRailCard = { text: target.text.trim(), kind: target.kind ?? 'editorial', sponsor: target.sponsor ?? null, article: null };
  if (isHidden(card)) return null;
  shownTexts.add(key);
  return card;
}

/** Gives each pinned card the first free position from the one it asks for (at most the rail's last). */
function placePins(
  pins: readonly RailCuration['pins'][number][],
  cards: readonly (StoredRailCard | null)[],
  sponsoredSlots: readonly SponsoredSlot[],
  railLength: number,
): PinnedSlot[] {
  const taken = new Set(sponsoredSlots.map((slot) => slot.position));
  const placed: PinnedSlot[] = [];
  pins.forEach((pin, index) => {
    const card = cards[index];
    if (card === null) return;
    let position = Math.min(pin.position, railLength);
    // Past the last position only when the slots and the pins before this one fill the rail.
    while (taken.has(position)) position += 1;
    taken.add(position);
    placed.push({ position, card });
  });
  return placed.sort((a, b) => a.position - b.position);
}

interface DatedObservation {
  time: number;
  cards: readonly ObservedCard[];
}

interface ArticleEntry {
  source: 'article';
  card: StoredRailCard;
  time: number;
  documentId: string;
}

interface ObservedEntry {
  source: 'observed';
  card: StoredRailCard;
  time: number;
  /** 0 for the newest observation. */
  observationRank: number;
  cardIndex: number;
}

type TimelineEntry = ArticleEntry | ObservedEntry;

function timeOf(iso: string): number {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function newestObservationsFirst(observed: readonly ObservedRail[]): DatedObservation[] {
  // Array.prototype.sort is stable, so observations with the same time keep the caller's order.
  return observed
    .map((rail) => ({ time: timeOf(rail.observedAt), cards: rail.cards }))
    .sort((a, b) => compareNewestFirst(a.time, b.time));
}

function compareNewestFirst(a: number, b: number): number {
  // Not `b - a`: two -Infinity times would give NaN.
  if (a === b) return 0;
  return a > b ? -1 : 1;
}

/** A card a page actually showed: not a blank slot, and with some text. */
function isShownCard(card: ObservedCard): boolean {
  return card.kind !== 'blank' && !isBlankCardText(card.text);
}

function sponsoredSlotsOf(observations: readonly DatedObservation[], capacity: number): SponsoredSlot[] {
  const source = observations.find((observation) =>
    observation.cards.some((card) => card.kind === 'sponsored' && isShownCard(card)),
  );
  if (source === undefined) return [];

  const slots: SponsoredSlot[] = [];
  const labels = new Set<string>();
  let position = 0;
  for (const card of source.cards) {
    if (!isShownCard(card)) continue;
    position += 1;
    if (position > capacity) break;
    if (card.kind !== 'sponsored') continue;
    const label = normaliseCardText(card.text);
    if (labels.has(label)) continue;
    labels.add(label);
    slots.push({
      position,
      card: { text: card.text.trim(), kind: 'sponsored', sponsor: card.sponsor ?? null, article: null },
    });
  }
  return slots;
}

function articleCardText(article: ArticleCandidate): string | null {
  for (const text of [article.text, article.dek, article.title]) {
    if (!isBlankCardText(text)) return (text as string).trim();
  }
  return null;
}

function articleTimeline(
  articles: readonly ArticleCandidate[],
  shownTexts: Set<string>,
): { entries: ArticleEntry[]; articleByText: Map<string, ArticleEntry> } {
  const newestById = new Map<string, { article: ArticleCandidate; time: number }>();
  for (const article of articles) {
    const time = timeOf(article.publishedAt);
    const known = newestById.get(article.documentId);
    if (known === undefined || time > known.time) newestById.set(article.documentId, { article, time });
  }

  const newestFirst = [...newestById.values()].sort(
    (a, b) => compareNewestFirst(a.time, b.time) || compareStrings(a.article.documentId, b.article.documentId),
  );

  const entries: ArticleEntry[] = [];
  const articleByText = new Map<string, ArticleEntry>();
  const deks: { entry: ArticleEntry; dek: string | null | undefined }[] = [];
  for (const { article, time } of newestFirst) {
    const text = articleCardText(article);
    if (text === null) continue;
    const key = normaliseCardText(text);
    if (shownTexts.has(key)) continue;
    shownTexts.add(key);
    const entry: ArticleEntry = {
      source: 'article',
      time,
      documentId: article.documentId,
      card: {
        text,
        kind: article.kind,
        sponsor: article.sponsor ?? null,
        article: { documentId: article.documentId, slug: article.slug, title: article.title },
      },
    };
    entries.push(entry);
    articleByText.set(key, entry);
    deks.push({ entry, dek: article.dek });
  }
  // Deks second, so that an observed text equal to one article's card and another's dek is the
  // card's article.
  for (const { entry, dek } of deks) {
    if (isBlankCardText(dek)) continue;
    const key = normaliseCardText(dek as string);
    if (!articleByText.has(key)) articleByText.set(key, entry);
  }
  return { entries, articleByText };
}

function observedTimeline(
  observations: readonly DatedObservation[],
  articleByText: ReadonlyMap<string, ArticleEntry>,
  shownTexts: Set<string>,
): ObservedEntry[] {
  const entries: ObservedEntry[] = [];
  // The oldest card time of the newer observations (see assembleRail).
  let ceiling = Number.POSITIVE_INFINITY;
  observations.forEach((observation, observationRank) => {
    let time = Math.min(observation.time, ceiling);
    observation.cards.forEach((card, cardIndex) => {
      // Sponsored labels only fill slots; blank cards are never shown.
      if (card.kind !== 'editorial' || !isShownCard(card)) return;
      const key = normaliseCardText(card.text);
      const article = articleByText.get(key);
      if (article !== undefined) {
        time = Math.min(time, article.time);
        return;
      }
      if (shownTexts.has(key)) return;
      shownTexts.add(key);
      entries.push({
        source: 'observed',
        time,
        observationRank,
        cardIndex,
        card: { text: card.text.trim(), kind: 'editorial', sponsor: card.sponsor ?? null, article: null },
      });
    });
    ceiling = time;
  });
  return entries;
}

/** Whether a card text ends like a finished sentence, as a whole card does and a cut one rarely. */
function endsLikeSentence(text: string): boolean {
  return /[.!?…]["'”’)\]]*$/.test(text.trim());
}

/**
 * The observations with each fragment replaced by the card it begins, or dropped while no such card
 * is known. A card is a fragment when its page was cut off inside it, or when it is the start of a
 * longer known card and does not end a sentence (rails observed before cut cards were flagged).
 */
function completeFragments(observations: readonly DatedObservation[], articles: readonly ArticleCandidate[]): DatedObservation[] {
  const wholeByKey = new Map<string, string>();
  for (const article of articles) {
    for (const text of [articleCardText(article), article.dek]) {
      if (!isBlankCardText(text)) wholeByKey.set(normaliseCardText(text as string), (text as string).trim());
    }
  }
  for (const observation of observations) {
    for (const card of observation.cards) {
      if (card.kind === 'editorial' && !card.cut && isShownCard(card)) wholeByKey.set(normaliseCardText(card.text), card.text.trim());
    }
  }
  const keys = [...wholeByKey.keys()].sort();
  const longerCardStartingWith = (key: string): string | undefined => {
    // The keys that start with `key` follow it in sorted order.
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (keys[middle] < key) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < keys.length && keys[i].startsWith(key); i += 1) {
      if (keys[i].length > key.length) return wholeByKey.get(keys[i]);
    }
    return undefined;
  };
  return observations.map((observation) => ({
    time: observation.time,
    cards: observation.cards.flatMap((card) => {
      if (card.kind !== 'editorial' || !isShownCard(card)) return [card];
      const whole = longerCardStartingWith(normaliseCardText(card.text));
      if (whole !== undefined && (card.cut || !endsLikeSentence(card.text))) return [{ ...card, text: whole, cut: false }];
      return card.cut ? [] : [card];
    }),
  }));
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareTimelineEntries(a: TimelineEntry, b: TimelineEntry): number {
  const byTime = compareNewestFirst(a.time, b.time);
  if (byTime !== 0) return byTime;
  if (a.source === 'article') return b.source === 'article' ? compareStrings(a.documentId, b.documentId) : -1;
  if (b.source === 'article') return 1;
  return a.observationRank - b.observationRank || a.cardIndex - b.cardIndex;
}
