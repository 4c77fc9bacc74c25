import { assembleRail, viewRail, type RailCuration, type RailPin } from '../../../src/plugins/newsroom/server/src/rail';
import { article, ed, observed, positioned, sp, texts } from './helpers';

/** Five stories a minute apart (a newest), and an observed rail with a sponsor's label at 3. */
const articles = ['a', 'b', 'c', 'd', 'e'].map((id, i) => article(id, `Card of ${id}.`, `2026-03-01T10:0${4 - i}:00.000Z`));
const rails = [observed('2026-03-01T09:00:00.000Z', [ed('Old card one.'), ed('Old card two.'), sp('Sponsored by Gemco', 'Gemco')])];
const NOW = '2026-03-02T12:00:00.000Z';

const pin = (target: RailPin['target'], position: number, extra: Partial<RailPin> = {}): RailPin => ({
  target,
  position,
  pinnedAt: '2026-03-02T08:00:00.000Z',
  until: null,
  ...extra,
});
const curated = (curation: Partial<RailCuration>, options: { limit?: number; exclude?: string } = {}) =>
  viewRail(assembleRail({ articles, observed: rails, curation: { now: NOW, pins: [], hidden: [], ...curation } }), options);

describe('assembleRail with editors’ curation', () => {
  it('without pins or hides stores the rail exactly as before curation existed', () => {
    const plain = assembleRail({ articles, observed: rails });
    const withEmpty = assembleRail({ articles, observed: rails, curation: { now: NOW, pins: [], hidden: [] } });
    expect(withEmpty).toEqual(plain);
    expect(Object.keys(withEmpty).sort()).toEqual(['capacity', 'editorial', 'sponsoredSlots']);
  });

  it('puts a pinned story at its position and lets the timeline flow around it', () => {
    expect(positioned(curated({ pins: [pin({ article: 'd' }, 1)] }, { limit: 6 }))).toEqual([
      '1:Card of d.',
      '2:Card of a.',
      '3:Sponsored by Gemco',
      '4:Card of b.',
      '5:Card of c.',
      '6:Card of e.',
    ]);
  });

  it('keeps sponsored slots where they are: a pin asking for a slot’s position takes the next one', () => {
    expect(texts(curated({ pins: [pin({ article: 'e' }, 3)] }, { limit: 5 }))).toEqual([
      'Card of a.',
      'Card of b.',
      'Sponsored by Gemco',
      'Card of e.',
      'Card of c.',
    ]);
  });

  it('gives a contested position to the newer pin and moves the older one down', () => {
    const older = pin({ article: 'd' }, 1, { pinnedAt: '2026-03-02T07:00:00.000Z' });
    const newer = pin({ article: 'e' }, 1, { pinnedAt: '2026-03-02T09:00:00.000Z' });
    expect(texts(curated({ pins: [older, newer] }, { limit: 3 }))).toEqual(['Card of e.', 'Card of d.', 'Sponsored by Gemco']);
  });

  it('puts a pin beyond the rail’s length last', () => {
    const view = curated({ pins: [pin({ article: 'a' }, 100)] }, { limit: 100 });
    expect(view.at(-1)?.text).toBe('Card of a.');
    expect(view).toHaveLength(8);
  });

  it('lets an expired pin go and says when the first pin in force expires', () => {
    const expired = pin({ article: 'e' }, 1, { until: '2026-03-02T11:59:59.000Z' });
    const running = pin({ article: 'd' }, 2, { until: '2026-03-03T00:00:00.000Z' });
    const rail = assembleRail({ articles, observed: rails, curation: { now: NOW, pins: [expired, running], hidden: [] } });
    expect(texts(viewRail(rail, { limit: 3 }))).toEqual(['Card of a.', 'Card of d.', 'Sponsored by Gemco']);
    expect(rail.reassembleAt).toBe('2026-03-03T00:00:00.000Z');
  });

  it('never shows a hidden card: by article, by text (an observed-only card) or a sponsor’s slot', () => {
    const view = curated(
      { hidden: [{ article: 'a' }, { text: 'old card ONE.' }, { text: 'Sponsored by Gemco' }], pins: [pin({ article: 'a' }, 1)] },
      { limit: 100 }
    );
    expect(texts(view)).toEqual(['Card of b.', 'Card of c.', 'Card of d.', 'Card of e.', 'Old card two.']);
  });

  it('pins a card known only by its text, taking it from where it was or making it from the target', () => {
    expect(texts(curated({ pins: [pin({ text: 'Old card two.' }, 1)] }, { limit: 2 }))).toEqual(['Old card two.', 'Card of a.']);
    const made = curated({ pins: [pin({ text: 'A partner’s feature.', kind: 'sponsored', sponsor: 'Facet Co' }, 2)] }, { limit: 2 });
    expect(made[1]).toEqual({ position: 2, text: 'A partner’s feature.', kind: 'sponsored', sponsor: 'Facet Co', article: null });
  });

  it('shows nothing for a pin of an article that is not published, and never the same card twice', () => {
    const view = curated({ pins: [pin({ article: 'gone' }, 1), pin({ article: 'c' }, 2), pin({ article: 'c' }, 4)] }, { limit: 100 });
    expect(view[0].text).toBe('Card of a.');
    expect(view.filter((card) => card.text === 'Card of c.')).toHaveLength(1);
  });

  it('keeps a pinned card’s position when the page excludes another article, and drops the pin on its own page', () => {
    const pins = [pin({ article: 'e' }, 2)];
    expect(texts(curated({ pins }, { limit: 4, exclude: 'a' }))).toEqual(['Card of b.', 'Card of e.', 'Sponsored by Gemco', 'Card of c.']);
    expect(texts(curated({ pins }, { limit: 4, exclude: 'e' }))).toEqual(['Card of a.', 'Card of b.', 'Sponsored by Gemco', 'Card of c.']);
  });
});
