import path from 'path';
import { readPage } from '../../../src/plugins/newsroom/server/src/page';
import {
  asLabelFields,
  chromeNotInLabel,
  COMPARED_FIELDS,
  loadLabelledPages,
  SAMPLES_DIR,
} from './labelled-pages';

const samples = loadLabelledPages(SAMPLES_DIR, path.join(SAMPLES_DIR, 'labels'));

describe('our sample pages', () => {
  it('are all labelled, each label naming its own file', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
    for (const { file, label } of samples) expect(label.file).toBe(file);
  });

  it('cover the shapes and cases the reader must handle', () => {
    const labels = samples.map((s) => s.label);
    const shapes = new Set(labels.map((l) => l.shape));
    expect([...shapes].sort()).toEqual(['category', 'rail', 'sponsor-first', 'title-first']);

    // One story scraped several times (three rail copies, one category copy).
    const byKey = new Map<string, string[]>();
    for (const l of labels) byKey.set(l.story_key, [...(byKey.get(l.story_key) ?? []), l.shape]);
    expect([...byKey.values()].some((s) => s.filter((x) => x === 'rail').length >= 3 && s.includes('category'))).toBe(
      true,
    );

    // Two different stories with one title stay two stories.
    const keysByTitle = new Map<string, Set<string>>();
    for (const l of labels) keysByTitle.set(l.title, (keysByTitle.get(l.title) ?? new Set()).add(l.story_key));
    expect([...keysByTitle.values()].some((keys) => keys.size >= 2)).toBe(true);

    // A full rail with sponsored labels and an empty slot, a cut-off page, a sponsored article.
    expect(labels.some((l) => l.rail.length >= 20 && l.rail.includes('') && l.rail.some((r) => /Sponsored by/.test(r)))).toBe(
      true,
    );
    expect(labels.some((l) => l.truncated)).toBe(true);
    expect(labels.some((l) => l.author)).toBe(true);
    expect(labels.some((l) => l.sponsor !== null)).toBe(true);
    expect(labels.some((l) => l.image !== null && l.date !== null)).toBe(true);
    expect(labels.some((l) => l.chrome.includes('-----'))).toBe(true);
    expect(labels.some((l) => l.body.some((b) => /^\d+\. /.test(b)))).toBe(true);
    expect(labels.some((l) => l.chrome.some((c) => c.startsWith('RELATED CONTENT:')))).toBe(true);
    expect(samples.some((s) => s.bytes.includes(Buffer.from('\u00a0')))).toBe(true);
  });
});

describe.each(samples.map((s) => [s.file, s] as const))('sample %s', (_file, { bytes, label }) => {
  const page = readPage(bytes);

  it.each(COMPARED_FIELDS.map((f) => [f]))('reads %s as labelled', (field) => {
    expect(asLabelFields(page)[field]).toEqual(label[field]);
  });

  it('reads the author box as labelled (none when the label has none)', () => {
    expect(page.author).toEqual(label.author ?? null);
  });

  it('reports only chrome lines the label lists', () => {
    expect(chromeNotInLabel(page, label)).toEqual([]);
  });

  it('gives every line one ledger entry, and keeps a line out of the ledger body only for a reason', () => {
    const lines = bytes.toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    expect(page.ledger.map((e) => e.text)).toEqual(lines);
    expect(page.ledger.filter((e) => e.role === 'body').map((e) => e.text)).toEqual(page.body);
    expect(page.ledger.filter((e) => e.role === 'chrome').every((e) => typeof e.reason === 'string')).toBe(true);
  });
});

describe('sample details the labels do not carry', () => {
  const read = (file: string) => {
    const sample = samples.find((s) => s.file === file);
    if (sample === undefined) throw new Error(`sample ${file} is missing`);
    return readPage(sample.bytes);
  };

  it('types rail cards: sponsor labels are sponsored, empty slots are blank', () => {
    const page = read('halvorsen-antwerp-rail-a.txt');
    expect(page.rail.filter((c) => c.kind === 'sponsored')).toEqual([
      { text: 'Sponsored by Marlow Refining', kind: 'sponsored', sponsor: 'Marlow Refining' },
      { text: 'Supplier Spotlight Sponsored by Brightcut Tools', kind: 'sponsored', sponsor: 'Brightcut Tools' },
    ]);
    expect(page.rail[5]).toEqual({ text: '', kind: 'blank', sponsor: null });
    expect(page.rail.filter((c) => c.kind === 'editorial').every((c) => c.sponsor === null && c.text !== '')).toBe(true);
  });

  it('returns the lead teaser and related titles of a rail page', () => {
    const page = read('halvorsen-antwerp-rail-b.txt');
    expect(page.leadTeaser).toBe(page.chrome.find((c) => c.reason === 'lead-teaser')?.line);
    expect(page.leadTeaser).toMatch(/cocktail ring/);
    expect(page.related).toEqual(['Why Colored Stone Origin Reports Are Getting Harder to Write']);
  });

  it('takes a top "Sponsored by" line as a site banner, not the article sponsor', () => {
    const page = read('distraction-thefts-sponsor-first.txt');
    expect(page.shape).toBe('sponsor-first');
    expect(page.sponsor).toBeNull();
    expect(page.leadTeaser).toBeNull();
    expect(page.chrome.map((c) => c.reason)).toEqual(['site-banner', 'html', 'placeholder', 'latest-header']);
  });

  it('takes "Sponsored by X" in the dek slot as the dek and the sponsor', () => {
    const page = read('marlow-recycled-platinum-sponsored.txt');
    expect(page.dek).toBe('Sponsored by Marlow Refining');
    expect(page.sponsor).toBe('Marlow Refining');
  });

  it('gives each category-shape chrome line its reason', () => {
    expect(read('halvorsen-antwerp-category.txt').chrome.map((c) => c.reason)).toEqual([
      'category-header',
      'title-copy',
      'date-header',
      'related-content',
    ]);
    const column = read('whitlock-column-category.txt');
    expect(column.chrome.map((c) => c.reason)).toEqual(['category-header', 'title-copy', 'date-header']);
    // The author box is the author's, not site chrome: its own role in the ledger.
    expect(column.ledger.filter((e) => e.role === 'author').map((e) => e.reason)).toEqual(['headshot', 'bio-box']);
  });

  it('marks each "-----" separator as list-separator chrome', () => {
    const page = read('mid-atlantic-gala-list.txt');
    expect(page.chrome.filter((c) => c.reason === 'list-separator')).toHaveLength(5);
  });

  it('flags the rail card a scrape cut off inside, and only that one', () => {
    const rail = read('halvorsen-antwerp-rail-cut.txt').rail;
    expect(rail[rail.length - 1]).toEqual({ text: 'The Swiss brand’s new bout', kind: 'editorial', sponsor: null, cut: true });
    expect(rail.slice(0, -1).every((card) => card.cut === undefined)).toBe(true);
    expect(read('halvorsen-antwerp-rail-a.txt').rail.some((card) => card.cut)).toBe(false);
  });

  it('warns only about what is wrong with a page', () => {
    expect(read('halvorsen-antwerp-rail-a.txt').warnings).toEqual([]);
    expect(read('halvorsen-antwerp-rail-cut.txt').warnings).toEqual([expect.stringMatching(/cut off/)]);
  });
});
