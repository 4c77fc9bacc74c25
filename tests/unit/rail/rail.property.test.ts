import fc from 'fast-check';
import {
  assembleRail,
  MAX_RAIL_LIMIT,
  normaliseCardText,
  viewRail,
  type ArticleCandidate,
  type ObservedCard,
  type ObservedRail,
} from '../../../src/plugins/newsroom/server/src/rail';

/**
 * Random candidates drawn from small pools, so that documentIds, slugs and texts collide often, and
 * texts come back in other spellings (case, NBSP, curly quotes, dashes) that normalise alike.
 */

const BASE_TEXTS = [
  "The jeweler's new store opens - downtown.",
  'Rough prices hold steady at the sight.',
  'A "quiet" quarter for watch exports.',
  'Guild adds three trustees.',
  'Tanzanite output falls again.',
  'Bench jewelers get a new apprenticeship.',
  'The auction set a record for a ruby.',
  'Sponsored by Gemco',
];
const LABELS = ['Sponsored by Gemco', 'Sponsored by Ringworks', 'Supplier Spotlight Sponsored by Facet Co', ' '];
const IDS = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5'];

const respell = (text: string, how: number): string => {
  switch (how) {
    case 1:
      return text.toUpperCase();
    case 2:
      return `  ${text.replace(/ /g, '\u00A0')} `;
    case 3:
      return text.replace(/'/g, '\u2019').replace(/"([^"]*)"/g, '\u201C$1\u201D').replace(/ - /g, ' \u2014 ');
    default:
      return text;
  }
};

const textArb = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...BASE_TEXTS), fc.integer({ min: 0, max: 3 })).map(([t, how]) => respell(t, how)) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\u00A0') },
);

// Whole minutes in a two-day window, so equal times happen.
const isoArb = fc.integer({ min: 0, max: 2 * 24 * 60 }).map((minute) => new Date(Date.UTC(2026, 0, 10) + minute * 60_000).toISOString());

const articleArb: fc.Arbitrary<ArticleCandidate> = fc
  .record({
    documentId: fc.constantFrom(...IDS),
    slugged: fc.boolean(),
    text: textArb,
    dek: fc.option(textArb, { nil: null }),
    sponsored: fc.boolean(),
    publishedAt: isoArb,
  })
  .map(({ documentId, slugged, text, dek, sponsored, publishedAt }) => ({
    documentId,
    slug: slugged ? `slug-${documentId}` : null,
    title: `Title ${documentId}`,
    text,
    dek,
    kind: sponsored ? 'sponsored' : 'editorial',
    sponsor: sponsored ? 'Acme' : null,
    publishedAt,
  }));

const cardArb: fc.Arbitrary<ObservedCard> = fc.oneof(
  { weight: 6, arbitrary: textArb.map((text) => ({ text, kind: 'editorial' as const, sponsor: null })) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...LABELS), fc.integer({ min: 0, max: 2 })).map(([label, how]) => ({
      text: respell(label, how),
      kind: 'sponsored' as const,
      sponsor: label.replace(/^.*Sponsored by /, ''),
    })),
  },
  { weight: 1, arbitrary: fc.constant({ text: '', kind: 'blank' as const, sponsor: null }) },
);

const observedArb: fc.Arbitrary<ObservedRail> = fc.record({ observedAt: isoArb, cards: fc.array(cardArb, { maxLength: 25 }) });

const inputArb = fc.record({
  articles: fc.array(articleArb, { maxLength: 12 }),
  observed: fc.array(observedArb, { maxLength: 4 }),
  capacity: fc.option(fc.integer({ min: 1, max: MAX_RAIL_LIMIT + 1 }), { nil: undefined }),
  limit: fc.integer({ min: 1, max: MAX_RAIL_LIMIT }),
  exclude: fc.option(fc.constantFrom(...IDS, ...IDS.map((id) => `slug-${id}`), 'nothing'), { nil: undefined }),
});

/** The slots the rules promise, worked out independently of the implementation. */
function expectedSlots(observations: readonly ObservedRail[], capacity: number) {
  const newestFirst = observations
    .map((rail, index) => ({ rail, index }))
    .sort((a, b) => Date.parse(b.rail.observedAt) - Date.parse(a.rail.observedAt) || a.index - b.index)
    .map(({ rail }) => rail);
  const shown = (card: ObservedCard) => card.kind !== 'blank' && normaliseCardText(card.text) !== '';
  const source = newestFirst.find((rail) => rail.cards.some((card) => card.kind === 'sponsored' && shown(card)));
  const slots: { position: number; key: string; sponsor: string | null }[] = [];
  if (source === undefined) return slots;
  let position = 0;
  for (const card of source.cards.filter(shown)) {
    position += 1;
    const key = normaliseCardText(card.text);
    if (card.kind === 'sponsored' && position <= capacity && !slots.some((slot) => slot.key === key)) {
      slots.push({ position, key, sponsor: card.sponsor });
    }
  }
  return slots;
}

const duplicates = (values: readonly string[]) => values.filter((value, i) => values.indexOf(value) !== i);

describe('assembleRail + viewRail: properties over random candidates', () => {
  it('hold for every input', () => {
    fc.assert(
      fc.property(inputArb, ({ articles, observed, capacity, limit, exclude }) => {
        const rail = assembleRail({ articles, observed, capacity });
        const view = viewRail(JSON.parse(JSON.stringify(rail)), { limit, exclude });
        const effectiveCapacity = capacity ?? MAX_RAIL_LIMIT + 1;

        // The stored rail: within capacity, no duplicate texts or articles, nothing blank.
        expect(rail.editorial.length).toBeLessThanOrEqual(effectiveCapacity);
        const storedKeys = [...rail.editorial, ...rail.sponsoredSlots.map((slot) => slot.card)].map((card) => normaliseCardText(card.text));
        expect(duplicates(storedKeys)).toEqual([]);
        expect(storedKeys).not.toContain('');

        // The view: 1..n, at most limit, no duplicate texts or article ids, never the excluded article.
        expect(view.map((card) => card.position)).toEqual(view.map((_, i) => i + 1));
        expect(view.length).toBeLessThanOrEqual(limit);
        expect(duplicates(view.map((card) => normaliseCardText(card.text)))).toEqual([]);
        const ids = view.flatMap((card) => (card.article === null ? [] : [card.article.documentId]));
        expect(duplicates(ids)).toEqual([]);
        if (exclude !== undefined) {
          expect(view.some((card) => card.article?.documentId === exclude || card.article?.slug === exclude)).toBe(false);
        }

        // Article cards newest first by the publishedAt of their newest candidate.
        const newestPublished = new Map<string, number>();
        for (const a of articles) newestPublished.set(a.documentId, Math.max(newestPublished.get(a.documentId) ?? -Infinity, Date.parse(a.publishedAt)));
        const articleTimes = view.flatMap((card) => (card.article === null ? [] : [newestPublished.get(card.article.documentId)!]));
        expect(articleTimes).toEqual([...articleTimes].sort((a, b) => b - a));

        // Sponsored slots: at their observed position, unless the timeline ran out above them (then
        // only slots follow); none beyond the limit; each carries its sponsor.
        const slots = expectedSlots(observed, effectiveCapacity).filter((slot) => slot.position <= limit);
        const slotCards = view.filter((card) => card.kind === 'sponsored' && card.article === null);
        expect(slotCards.map((card) => normaliseCardText(card.text))).toEqual(slots.map((slot) => slot.key));
        slotCards.forEach((card, i) => {
          expect(card.sponsor).toBe(slots[i].sponsor);
          if (card.position !== slots[i].position) {
            expect(card.position).toBeLessThan(slots[i].position);
            expect(view.slice(card.position - 1).every((c) => c.kind === 'sponsored' && c.article === null)).toBe(true);
          }
        });

        // Backfilled to the limit whenever the rail has enough cards.
        const timelineLeft = rail.editorial.filter((card) => !(exclude !== undefined && (card.article?.documentId === exclude || card.article?.slug === exclude)));
        expect(view.length).toBe(Math.min(limit, timelineLeft.length + slots.length));
      }),
      { numRuns: 500 },
    );
  });

  it('never shows an observed card apart from the article whose card text or dek it repeats', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { minLength: 1, maxLength: 8 }), fc.array(observedArb, { maxLength: 3 }), (articles, observed) => {
        const rail = assembleRail({ articles, observed });
        const shownIds = new Set(rail.editorial.flatMap((card) => (card.article === null ? [] : [card.article.documentId])));
        // The candidate each shown article's card came from: its newest publishedAt (the first on a tie).
        const newestOf = (id: string) =>
          articles.filter((a) => a.documentId === id).reduce((x, y) => (Date.parse(y.publishedAt) > Date.parse(x.publishedAt) ? y : x));
        const articleKeys = new Set(
          [...shownIds].flatMap((id) => {
            const a = newestOf(id);
            return [a.text, a.dek ?? ''].map(normaliseCardText).filter((key) => key !== '');
          }),
        );
        const observedOnly = rail.editorial.filter((card) => card.article === null).map((card) => normaliseCardText(card.text));
        expect(observedOnly.filter((key) => articleKeys.has(key))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

const NOW = '2026-01-11T00:00:00.000Z';
const targetArb = fc.oneof(
  fc.constantFrom(...IDS, 'unpublished').map((id) => ({ article: id })),
  textArb.map((text) => ({ text })),
);
const pinArb = fc.record({
  target: targetArb,
  position: fc.integer({ min: 1, max: MAX_RAIL_LIMIT }),
  pinnedAt: isoArb,
  until: fc.option(isoArb, { nil: null }),
});
const curationArb = fc.record({ pins: fc.array(pinArb, { maxLength: 4 }), hidden: fc.array(targetArb, { maxLength: 3 }) });

describe('assembleRail + viewRail with curation: properties over random pins and hides', () => {
  it('never shows a hidden card or a card twice, and never gives a pin a sponsored slot’s position', () => {
    fc.assert(
      fc.property(inputArb, curationArb, ({ articles, observed, capacity, limit, exclude }, { pins, hidden }) => {
        const rail = assembleRail({ articles, observed, capacity, curation: { now: NOW, pins, hidden } });
        const view = viewRail(JSON.parse(JSON.stringify(rail)), { limit, exclude });
        const hiddenIds = new Set(hidden.flatMap((target) => ('article' in target ? [target.article] : [])));
        const hiddenKeys = new Set(hidden.flatMap((target) => ('text' in target ? [normaliseCardText(target.text)] : [])));
        for (const card of view) {
          expect(card.article !== null && hiddenIds.has(card.article.documentId)).toBe(false);
          expect(hiddenKeys.has(normaliseCardText(card.text))).toBe(false);
        }
        expect(view.map((card) => card.position)).toEqual(view.map((_, i) => i + 1));
        expect(duplicates(view.map((card) => normaliseCardText(card.text)))).toEqual([]);
        expect(duplicates(view.flatMap((card) => (card.article === null ? [] : [card.article.documentId])))).toEqual([]);
        const pinned = (rail.pinnedSlots ?? []).map((slot) => slot.position);
        expect(duplicates([...pinned, ...rail.sponsoredSlots.map((slot) => slot.position)].map(String))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('ignores pins that have expired: the rail is the one assembled without them', () => {
    fc.assert(
      fc.property(inputArb, fc.array(pinArb, { maxLength: 4 }), ({ articles, observed, capacity }, pins) => {
        const expired = pins.map((pin) => ({ ...pin, until: '2026-01-10T23:59:59.000Z' }));
        expect(assembleRail({ articles, observed, capacity, curation: { now: NOW, pins: expired, hidden: [] } })).toEqual(
          assembleRail({ articles, observed, capacity }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('shows one pinned article at the position it asked for, or the next one a sponsored slot leaves free', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 30 }), ({ articles, observed }, position) => {
        fc.pre(articles.length > 0);
        const target = articles[0].documentId;
        const rail = assembleRail({ articles, observed, curation: { now: NOW, pins: [{ target: { article: target }, position, pinnedAt: NOW, until: null }], hidden: [] } });
        const view = viewRail(rail, { limit: MAX_RAIL_LIMIT });
        const length = rail.editorial.length + rail.sponsoredSlots.length + (rail.pinnedSlots?.length ?? 0);
        let expected = Math.min(position, length);
        while (rail.sponsoredSlots.some((slot) => slot.position === expected)) expected += 1;
        const at = view.findIndex((card) => card.article?.documentId === target);
        // The article has a card unless its texts are all blank or another card already has its text;
        // with too few timeline cards above it, the slots (and the pin) follow straight on.
        if (at >= 0 && rail.editorial.length >= expected) expect(at + 1).toBe(expected);
        if (rail.pinnedSlots?.length) expect(at).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
  });
});
