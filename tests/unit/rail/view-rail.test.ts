import {
  assembleRail,
  DEFAULT_RAIL_LIMIT,
  MAX_RAIL_LIMIT,
  viewRail,
  type AssembledRail,
} from '../../../src/plugins/newsroom/server/src/rail';
import { article, ed, observed, positioned, sp, texts } from './helpers';

/** Articles a0 (newest) .. a{n-1}, one hour apart, all published after the observation below. */
function articles(n: number) {
  return Array.from({ length: n }, (_, i) =>
    article(`a${i}`, `Story ${i}.`, new Date(Date.UTC(2026, 1, 1, 0) - i * 3_600_000).toISOString(), { slug: `story-${i}` }),
  );
}

/** A rail with slots at positions 2 and 5 and timeline cards "Story 0." .. "Story {n-1}.". */
function railWithSlots(n: number): AssembledRail {
  return assembleRail({
    articles: articles(n),
    observed: [
      observed('2026-01-01T00:00:00Z', [
        ed('Story 0.'),
        sp('Sponsored by Gemco', 'Gemco'),
        ed('Story 1.'),
        ed('Story 2.'),
        sp('Supplier Spotlight Sponsored by Ringworks', 'Ringworks'),
      ]),
    ],
  });
}

describe('viewRail: limit', () => {
  it('shows DEFAULT_RAIL_LIMIT cards by default, positions 1..n', () => {
    const view = viewRail(assembleRail({ articles: articles(30), observed: [] }));
    expect(view).toHaveLength(DEFAULT_RAIL_LIMIT);
    expect(view.map((card) => card.position)).toEqual(Array.from({ length: DEFAULT_RAIL_LIMIT }, (_, i) => i + 1));
    expect(view[0]).toEqual({
      position: 1,
      text: 'Story 0.',
      kind: 'editorial',
      sponsor: null,
      article: { documentId: 'a0', slug: 'story-0', title: 'Title of a0' },
    });
  });

  it('shows at most `limit` cards, and fewer when the rail has fewer', () => {
    const rail = assembleRail({ articles: articles(5), observed: [] });
    expect(texts(viewRail(rail, { limit: 1 }))).toEqual(['Story 0.']);
    expect(viewRail(rail, { limit: 3 })).toHaveLength(3);
    expect(viewRail(rail, { limit: MAX_RAIL_LIMIT })).toHaveLength(5);
    expect(viewRail(assembleRail({ articles: [], observed: [] }), { limit: 5 })).toEqual([]);
  });

  it('serves the largest limit even with the page article excluded, from the default capacity', () => {
    const rail = assembleRail({ articles: articles(150), observed: [] });
    expect(rail.editorial).toHaveLength(MAX_RAIL_LIMIT + 1);
    const view = viewRail(rail, { limit: MAX_RAIL_LIMIT, exclude: 'a0' });
    expect(view).toHaveLength(MAX_RAIL_LIMIT);
    expect(view[0].text).toBe('Story 1.');
    expect(view[MAX_RAIL_LIMIT - 1].text).toBe(`Story ${MAX_RAIL_LIMIT}.`);
  });

  it('throws RangeError for a limit outside 1..MAX_RAIL_LIMIT or not an integer', () => {
    const rail = assembleRail({ articles: articles(3), observed: [] });
    for (const limit of [0, -3, MAX_RAIL_LIMIT + 1, 2.5, Number.NaN]) {
      expect(() => viewRail(rail, { limit })).toThrow(RangeError);
    }
  });

  it('returns fresh cards: changing the view leaves the stored rail alone', () => {
    const rail = assembleRail({ articles: articles(2), observed: [] });
    const view = viewRail(rail, { limit: 2 });
    view[0].article!.slug = 'changed';
    view[0].text = 'changed';
    expect(rail.editorial[0].text).toBe('Story 0.');
    expect(rail.editorial[0].article?.slug).toBe('story-0');
  });
});

describe('viewRail: exclude', () => {
  const rail = assembleRail({ articles: articles(6), observed: [] });

  it('leaves out the article named by slug and backfills to the limit', () => {
    expect(positioned(viewRail(rail, { limit: 4, exclude: 'story-1' }))).toEqual(['1:Story 0.', '2:Story 2.', '3:Story 3.', '4:Story 4.']);
  });

  it('leaves out the article named by documentId and backfills to the limit', () => {
    expect(positioned(viewRail(rail, { limit: 4, exclude: 'a0' }))).toEqual(['1:Story 1.', '2:Story 2.', '3:Story 3.', '4:Story 4.']);
  });

  it('changes nothing when the excluded article is not in the rail, or exclude is empty', () => {
    const plain = viewRail(rail, { limit: 4 });
    expect(viewRail(rail, { limit: 4, exclude: 'not-there' })).toEqual(plain);
    expect(viewRail(rail, { limit: 4, exclude: '' })).toEqual(plain);
  });

  it('never excludes an observed-only card (it has no article)', () => {
    const withObserved = assembleRail({ articles: [], observed: [observed('2026-01-01T00:00:00Z', [ed('a0'), ed('story-1')])] });
    expect(texts(viewRail(withObserved, { limit: 2, exclude: 'a0' }))).toEqual(['a0', 'story-1']);
  });
});

describe('viewRail: sponsored slots', () => {
  it('shows each slot at its position with its sponsor; editorial cards fill around them', () => {
    const view = viewRail(railWithSlots(8), { limit: 7 });
    expect(positioned(view)).toEqual([
      '1:Story 0.',
      '2:Sponsored by Gemco',
      '3:Story 1.',
      '4:Story 2.',
      '5:Supplier Spotlight Sponsored by Ringworks',
      '6:Story 3.',
      '7:Story 4.',
    ]);
    expect(view[1]).toEqual({ position: 2, text: 'Sponsored by Gemco', kind: 'sponsored', sponsor: 'Gemco', article: null });
    expect(view[4].sponsor).toBe('Ringworks');
  });

  it('keeps slot positions under exclude while the editorial cards shift up and backfill', () => {
    const view = viewRail(railWithSlots(8), { limit: 7, exclude: 'story-0' });
    expect(positioned(view)).toEqual([
      '1:Story 1.',
      '2:Sponsored by Gemco',
      '3:Story 2.',
      '4:Story 3.',
      '5:Supplier Spotlight Sponsored by Ringworks',
      '6:Story 4.',
      '7:Story 5.',
    ]);
    expect(positioned(viewRail(railWithSlots(8), { limit: 7, exclude: 'a2' }))).toEqual([
      '1:Story 0.',
      '2:Sponsored by Gemco',
      '3:Story 1.',
      '4:Story 3.',
      '5:Supplier Spotlight Sponsored by Ringworks',
      '6:Story 4.',
      '7:Story 5.',
    ]);
  });

  it('does not show a slot whose position is beyond the limit', () => {
    expect(texts(viewRail(railWithSlots(8), { limit: 4 }))).toEqual(['Story 0.', 'Sponsored by Gemco', 'Story 1.', 'Story 2.']);
    expect(texts(viewRail(railWithSlots(8), { limit: 1 }))).toEqual(['Story 0.']);
  });

  it('lets the slots within the limit follow straight on when the timeline runs out', () => {
    // The timeline is a0, a1 and the observed-only "Story 2."; without a1 it has two cards, so the
    // slot for position 5 comes up to 4 instead of leaving a gap.
    expect(positioned(viewRail(railWithSlots(2), { limit: 10, exclude: 'a1' }))).toEqual([
      '1:Story 0.',
      '2:Sponsored by Gemco',
      '3:Story 2.',
      '4:Supplier Spotlight Sponsored by Ringworks',
    ]);
    // A slot beyond the limit still stays out.
    expect(texts(viewRail(railWithSlots(2), { limit: 4, exclude: 'a1' }))).toEqual(['Story 0.', 'Sponsored by Gemco', 'Story 2.']);
  });

  it('shows a slot at position 1 above the newest article', () => {
    const rail = assembleRail({
      articles: articles(2),
      observed: [observed('2026-01-01T00:00:00Z', [sp('Sponsored by Gemco', 'Gemco'), ed('Story 0.')])],
    });
    expect(positioned(viewRail(rail, { limit: 3 }))).toEqual(['1:Sponsored by Gemco', '2:Story 0.', '3:Story 1.']);
  });
});
