import {
  assembleRail,
  MAX_RAIL_LIMIT,
  viewRail,
  type ArticleCandidate,
  type ObservedRail,
} from '../../../src/plugins/newsroom/server/src/rail';
import { article, blank, ed, observed, sp, texts } from './helpers';

const view = (articles: ArticleCandidate[], rails: ObservedRail[] = [], limit = 20) =>
  viewRail(assembleRail({ articles, observed: rails }), { limit });

describe('assembleRail: published articles', () => {
  const base = [
    article('a1', 'A foundry in Idar-Oberstein doubles its cutting floor.', '2026-01-10T09:00:00Z'),
    article('a2', 'Lab-grown prices slide for a sixth straight quarter.', '2026-01-12T09:00:00Z'),
    article('a3', 'A retailer in Tulsa adds a second bridal salon.', '2026-01-11T09:00:00Z'),
  ];

  it('orders article cards newest first by publishedAt, each linking its article', () => {
    const rail = assembleRail({ articles: base, observed: [] });
    expect(rail.editorial.map((card) => card.article?.documentId)).toEqual(['a2', 'a3', 'a1']);
    expect(rail.editorial[0]).toEqual({
      text: 'Lab-grown prices slide for a sixth straight quarter.',
      kind: 'editorial',
      sponsor: null,
      article: { documentId: 'a2', slug: 'a2-slug', title: 'Title of a2' },
    });
    expect(rail.sponsoredSlots).toEqual([]);
    expect(rail.capacity).toBe(MAX_RAIL_LIMIT + 1);
  });

  it('puts a newly published article on top, above everything observed before it', () => {
    const rails = [observed('2026-01-13T08:00:00Z', [ed('Auction houses report a record spring sale.'), ed('Pearl farms brace for a warm season.')])];
    const fresh = article('a9', 'A watchmaker opens a school for young bench workers.', '2026-01-13T10:30:00Z');
    expect(texts(view(base, rails, 3))).toEqual([
      'Auction houses report a record spring sale.',
      'Pearl farms brace for a warm season.',
      'Lab-grown prices slide for a sixth straight quarter.',
    ]);
    expect(texts(view([...base, fresh], rails, 3))).toEqual([
      'A watchmaker opens a school for young bench workers.',
      'Auction houses report a record spring sale.',
      'Pearl farms brace for a warm season.',
    ]);
  });

  it('drops an unpublished or deleted article (no longer passed) and backfills the rail', () => {
    expect(texts(view(base, [], 2))).toEqual([
      'Lab-grown prices slide for a sixth straight quarter.',
      'A retailer in Tulsa adds a second bridal salon.',
    ]);
    const withoutA2 = base.filter((a) => a.documentId !== 'a2');
    expect(texts(view(withoutA2, [], 2))).toEqual([
      'A retailer in Tulsa adds a second bridal salon.',
      'A foundry in Idar-Oberstein doubles its cutting floor.',
    ]);
  });

  it('keeps one card per documentId (the newest publishedAt) and per normalised text (the newer article)', () => {
    const rail = assembleRail({
      articles: [
        article('d1', 'Old teaser of d1.', '2026-01-01T00:00:00Z'),
        article('d1', 'New teaser of d1.', '2026-01-05T00:00:00Z'),
        article('d2', 'Two \u201Cgems\u201D, one story.', '2026-01-03T00:00:00Z'),
        article('d3', 'TWO "GEMS",\u00A0one story.', '2026-01-04T00:00:00Z'),
      ],
      observed: [],
    });
    expect(rail.editorial.map((card) => [card.article?.documentId, card.text])).toEqual([
      ['d1', 'New teaser of d1.'],
      ['d3', 'TWO "GEMS",\u00A0one story.'],
    ]);
  });

  it('falls back to the dek, then the title, for an article without teaser text; never a blank card', () => {
    const rail = assembleRail({
      articles: [
        article('t1', '  ', '2026-01-03T00:00:00Z', { dek: 'The dek stands in.' }),
        article('t2', '', '2026-01-02T00:00:00Z', { dek: null, title: 'Only a title here' }),
        article('t3', '\u00A0', '2026-01-01T00:00:00Z', { dek: ' ', title: '' }),
      ],
      observed: [],
    });
    expect(texts(rail.editorial)).toEqual(['The dek stands in.', 'Only a title here']);
  });

  it('keeps a published sponsored article in the timeline as a sponsored card with its sponsor', () => {
    const rail = assembleRail({
      articles: [
        article('s1', 'How one lab grades color at scale.', '2026-01-02T00:00:00Z', { kind: 'sponsored', sponsor: 'Acme Labs' }),
        article('e1', 'A mine in Botswana resumes output.', '2026-01-01T00:00:00Z'),
      ],
      observed: [],
    });
    expect(rail.editorial[0]).toMatchObject({ text: 'How one lab grades color at scale.', kind: 'sponsored', sponsor: 'Acme Labs' });
    expect(rail.editorial[0].article?.documentId).toBe('s1');
    expect(rail.sponsoredSlots).toEqual([]);
  });

  it('cuts the timeline at capacity and refuses a capacity that is not a positive integer', () => {
    const many = Array.from({ length: 10 }, (_, i) => article(`m${i}`, `Story number ${i}.`, `2026-02-${String(10 + i)}T00:00:00Z`));
    expect(texts(assembleRail({ articles: many, observed: [], capacity: 3 }).editorial)).toEqual([
      'Story number 9.',
      'Story number 8.',
      'Story number 7.',
    ]);
    for (const capacity of [0, -1, 2.5, Number.NaN]) {
      expect(() => assembleRail({ articles: many, observed: [], capacity })).toThrow(RangeError);
    }
  });
});

describe('assembleRail: observed rails', () => {
  it('seeds the rail with observed cards: newer observation first, observed order kept', () => {
    const older = observed('2026-01-10T12:00:00Z', [ed('Old one.'), ed('Old two.'), ed('Old three.')]);
    const newer = observed('2026-01-11T12:00:00Z', [ed('New one.'), ed('New two.')]);
    // The caller's order does not matter: observedAt decides.
    const rail = assembleRail({ articles: [], observed: [older, newer] });
    expect(texts(rail.editorial)).toEqual(['New one.', 'New two.', 'Old one.', 'Old two.', 'Old three.']);
    expect(rail.editorial.every((card) => card.article === null && card.kind === 'editorial')).toBe(true);
  });

  it('shows a card seen in several observations once, where the newest observation has it', () => {
    const older = observed('2026-01-10T12:00:00Z', [ed('Shared\u00A0story.'), ed('Only old.')]);
    const newer = observed('2026-01-11T12:00:00Z', [ed('Only new.'), ed('shared story.')]);
    const rail = assembleRail({ articles: [], observed: [older, newer] });
    expect(texts(rail.editorial)).toEqual(['Only new.', 'shared story.', 'Only old.']);
  });

  it('drops duplicates inside one observation too', () => {
    const rail = assembleRail({ articles: [], observed: [observed('2026-01-10T12:00:00Z', [ed('Twice.'), ed('Between.'), ed('TWICE.')])] });
    expect(texts(rail.editorial)).toEqual(['Twice.', 'Between.']);
  });

  it('never keeps a blank card (blank kind, or text that is only white space)', () => {
    const rail = assembleRail({
      articles: [],
      observed: [observed('2026-01-10T12:00:00Z', [ed('First.'), blank(), blank(), ed(' \u00A0 '), ed('Second.'), blank()])],
    });
    expect(texts(rail.editorial)).toEqual(['First.', 'Second.']);
  });

  it("shows an observed card equal to an article's card text once, as the article's card, at the article's place", () => {
    const a = article('pub1', 'The guild names a new \u201Cbench\u201D mentor.', '2026-01-12T09:00:00Z');
    const rails = [observed('2026-01-11T12:00:00Z', [ed('Observed first.'), ed('the guild names a new "bench"   mentor.'), ed('Observed last.')])];
    const rail = assembleRail({ articles: [a], observed: rails });
    // Published after the observation: newer than all of it.
    expect(texts(rail.editorial)).toEqual(['The guild names a new \u201Cbench\u201D mentor.', 'Observed first.', 'Observed last.']);
    expect(rail.editorial[0].article?.documentId).toBe('pub1');
  });

  it("matches an observed card to an article by the article's dek too", () => {
    const a = article('pub2', 'Teaser text of the story.', '2026-01-12T09:00:00Z', { dek: 'The dek \u2014 as the site showed it.' });
    const rails = [observed('2026-01-11T12:00:00Z', [ed('The dek - as the site showed it.'), ed('Something else.')])];
    const rail = assembleRail({ articles: [a], observed: rails });
    expect(texts(rail.editorial)).toEqual(['Teaser text of the story.', 'Something else.']);
    expect(rail.editorial[0].article?.slug).toBe('pub2-slug');
  });

  it('uses one timeline: an observed-only card is as new as the newest observation that has it', () => {
    const rails = [
      observed('2026-01-09T00:00:00Z', [ed('Seen on the 9th.')]),
      observed('2026-01-11T00:00:00Z', [ed('Seen on the 11th.')]),
    ];
    const articles = [
      article('x12', 'Published on the 12th.', '2026-01-12T00:00:00Z'),
      article('x10', 'Published on the 10th.', '2026-01-10T00:00:00Z'),
      article('x08', 'Published on the 8th.', '2026-01-08T00:00:00Z'),
    ];
    expect(texts(assembleRail({ articles, observed: rails }).editorial)).toEqual([
      'Published on the 12th.',
      'Seen on the 11th.',
      'Published on the 10th.',
      'Seen on the 9th.',
      'Published on the 8th.',
    ]);
  });

  it('never puts an observed-only card above an article the same page showed above it', () => {
    // The article was published before the page was fetched; the page shows it between two stories
    // the CMS does not have. Their observedAt alone would lift both above it.
    const a = article('mid', 'The article in the middle.', '2026-01-10T00:00:00Z');
    const rails = [observed('2026-01-11T00:00:00Z', [ed('Above the article.'), ed('The article in the middle.'), ed('Below the article.')])];
    const rail = assembleRail({ articles: [a], observed: rails });
    expect(texts(rail.editorial)).toEqual(['Above the article.', 'The article in the middle.', 'Below the article.']);
    expect(rail.editorial.map((card) => card.article?.documentId ?? null)).toEqual([null, 'mid', null]);
  });

  it('keeps cards of an older observation below every card of a newer one', () => {
    const a = article('anchor', 'Anchor story.', '2026-01-05T00:00:00Z');
    const rails = [
      observed('2026-01-11T00:00:00Z', [ed('Newest page, top.'), ed('Anchor story.'), ed('Newest page, bottom.')]),
      observed('2026-01-10T00:00:00Z', [ed('Only on the older page.'), ed('Newest page, bottom.')]),
    ];
    expect(texts(assembleRail({ articles: [a], observed: rails }).editorial)).toEqual([
      'Newest page, top.',
      'Anchor story.',
      'Newest page, bottom.',
      'Only on the older page.',
    ]);
  });
});

describe('assembleRail: sponsored slots', () => {
  it('takes slot positions from the newest observation that has sponsored cards, not counting blank cards', () => {
    const rail = assembleRail({
      articles: [],
      observed: [
        // Newest, but without sponsored cards: it does not move the slots.
        observed('2026-01-12T00:00:00Z', [ed('No sponsors here.')]),
        observed('2026-01-11T00:00:00Z', [ed('One.'), blank(), sp('Sponsored by Gemco', 'Gemco'), ed('Two.'), ed('Three.'), sp('Supplier Spotlight Sponsored by Ringworks', 'Ringworks')]),
        observed('2026-01-10T00:00:00Z', [sp('Sponsored by Oldco', 'Oldco'), ed('Four.')]),
      ],
    });
    expect(rail.sponsoredSlots).toEqual([
      { position: 2, card: { text: 'Sponsored by Gemco', kind: 'sponsored', sponsor: 'Gemco', article: null } },
      { position: 5, card: { text: 'Supplier Spotlight Sponsored by Ringworks', kind: 'sponsored', sponsor: 'Ringworks', article: null } },
    ]);
    // Labels never enter the timeline.
    expect(texts(rail.editorial)).toEqual(['No sponsors here.', 'One.', 'Two.', 'Three.', 'Four.']);
  });

  it('gives a label repeated in one rail a single slot, so the same text is not shown twice', () => {
    const rail = assembleRail({
      articles: [],
      observed: [observed('2026-01-11T00:00:00Z', [sp('Sponsored by Gemco', 'Gemco'), ed('One.'), sp('SPONSORED BY GEMCO', 'Gemco')])],
    });
    expect(rail.sponsoredSlots.map((slot) => slot.position)).toEqual([1]);
  });

  it('keeps no slot beyond capacity', () => {
    const cards = [ed('One.'), ed('Two.'), ed('Three.'), sp('Sponsored by Late', 'Late')];
    const rail = assembleRail({ articles: [], observed: [observed('2026-01-11T00:00:00Z', cards)], capacity: 3 });
    expect(rail.sponsoredSlots).toEqual([]);
  });
});

describe('assembleRail: stored as JSON', () => {
  it('gives the same view after a JSON round trip, and the same rail for the same inputs', () => {
    const input = {
      articles: [article('j1', 'Json one.', '2026-01-12T00:00:00Z'), article('j2', 'Json two.', '2026-01-09T00:00:00Z')],
      observed: [observed('2026-01-11T00:00:00Z', [ed('Seen.'), sp('Sponsored by Gemco', 'Gemco'), ed('Json two.')])],
    };
    const rail = assembleRail(input);
    expect(assembleRail(input)).toEqual(rail);
    const stored = JSON.parse(JSON.stringify(rail));
    expect(viewRail(stored, { limit: 4, exclude: 'j1' })).toEqual(viewRail(rail, { limit: 4, exclude: 'j1' }));
    expect(texts(viewRail(stored, { limit: 4 }))).toEqual(['Json one.', 'Sponsored by Gemco', 'Seen.', 'Json two.']);
  });
});

describe('assembleRail: cards a scrape cut off', () => {
  const cut = (text: string) => ({ ...ed(text), cut: true });
  const full = 'The Swiss brand’s new boutique on the Magnificent Mile opens with a watch library.';

  it('shows a cut card as the whole card another page showed, once, in the cut card’s place', () => {
    const rails = [
      observed('2026-02-02T10:00:00Z', [ed('A dealer in Antwerp adds a pearl room.'), cut('The Swiss brand’s new bout')]),
      observed('2026-02-01T10:00:00Z', [ed(full), ed('Gold passes a record for the third week.')]),
    ];
    expect(texts(view([], rails))).toEqual(['A dealer in Antwerp adds a pearl room.', full, 'Gold passes a record for the third week.']);
  });

  it('leaves a cut card out while the card it begins is not known, and never shows a fragment', () => {
    const rails = [observed('2026-02-02T10:00:00Z', [ed('A dealer in Antwerp adds a pearl room.'), cut('Gain acces')])];
    expect(texts(view([], rails))).toEqual(['A dealer in Antwerp adds a pearl room.']);
  });

  it('takes a cut card for the article whose card or dek it begins', () => {
    const articles = [article('a1', 'How Jewelers of America’s 20 Under 40 picks its class, for the jewelry trade.', '2026-01-20T09:00:00Z')];
    const rails = [observed('2026-02-02T10:00:00Z', [cut('How Jewelers of America’s 20 Under 40 picks its class, for the je')])];
    const cards = view(articles, rails);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ text: articles[0].text, article: { documentId: 'a1' } });
  });

  it('treats an unflagged card that begins a longer one mid-sentence as its fragment (rails stored before flags)', () => {
    const rails = [observed('2026-02-02T10:00:00Z', [ed('The departme'), ed('Rings sell out.')]), observed('2026-02-01T10:00:00Z', [ed('The department store chain closes its flagship.')])];
    expect(texts(view([], rails))).toEqual(['The department store chain closes its flagship.', 'Rings sell out.']);
    // A whole sentence that happens to begin a longer card is a card of its own.
    const sentences = [observed('2026-02-02T10:00:00Z', [ed('Gold rose.'), ed('Gold rose. Silver fell.')])];
    expect(texts(view([], sentences))).toEqual(['Gold rose.', 'Gold rose. Silver fell.']);
  });
});
