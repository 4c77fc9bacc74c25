import path from 'path';
import {
  cleanBodyLines,
  normalisedTextHash,
  type CleanBodyInput,
  type CleanBodyResult,
} from '../../../src/plugins/newsroom/server/src/dedupe';
import { CORPUS_DIR, loadCorpus, loadLabelledPages, SAMPLES_DIR, type LabelledPage } from '../page/labelled-pages';

/**
 * cleanBodyLines: chrome stripped from a body entered by any route. Pages pasted whole are built
 * from our own sample pages (data/sample-pages); every other line here is invented for the test.
 */

const samples = loadLabelledPages(SAMPLES_DIR, path.join(SAMPLES_DIR, 'labels'));

function sample(file: string): LabelledPage {
  const found = samples.find((s) => s.file === file);
  if (found === undefined) throw new Error(`sample ${file} is missing`);
  return found;
}

/** The page as an editor would paste it: the text, without a byte order mark. */
function pageText(page: LabelledPage): string {
  return page.bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** The page's lines, one entry each (blank ones included), without the final terminator. */
function pageLines(page: LabelledPage): string[] {
  const lines = pageText(page).split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const isBlank = (line: string) => line.trim() === '';

/** The result without keptByLine (checked on its own below), so expectations stay readable. */
function clean(lines: readonly string[], title: string | null, dek: string | null, extra: Partial<CleanBodyInput> = {}) {
  const { keptByLine: _kept, ...rest } = cleanBodyLines({ lines, title, dek, ...extra });
  return rest as CleanBodyResult;
}

/** Cleaning a whole pasted page with its label's title and dek. */
function cleanPasted(page: LabelledPage, lines: readonly string[] = [pageText(page)]): CleanBodyResult {
  return clean(lines, page.label.title, page.label.dek);
}

/** [reason, line] pairs of the removed lines, without the rail. */
function headAndInline(result: CleanBodyResult): [string, string][] {
  return result.removed.filter((r) => r.reason !== 'latest-rail').map((r) => [r.reason, r.line]);
}

function expectIdempotent(result: CleanBodyResult, title: string | null, dek: string | null, extra: Partial<CleanBodyInput> = {}) {
  const again = clean(result.lines, title, dek, extra);
  expect(again.changed).toBe(false);
  expect(again.removed).toEqual([]);
  expect(again.lines).toEqual(result.lines);
}

/** Sorted multiset, to compare line collections regardless of order. */
const sorted = (lines: readonly string[]) => [...lines].sort();

// ---- pasted sample pages ---------------------------------------------------------------------------

describe('cleanBodyLines: our sample pages pasted whole into the body', () => {
  it('has the sample pages to paste, in every shape', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
    expect(new Set(samples.map((s) => s.label.shape))).toEqual(new Set(['rail', 'category', 'title-first', 'sponsor-first']));
  });

  describe.each(samples.map((s) => [s.file, s] as const))('%s', (_file, page) => {
    const { label } = page;

    it('as one pasted paragraph gives exactly the labelled body', () => {
      const result = cleanPasted(page);
      expect(result.lines).toEqual(label.body);
      expect(result.changed).toBe(true);
    });

    it('as one entry per page line gives the labelled body, blank entries below the head kept as entered', () => {
      const result = cleanPasted(page, pageLines(page));
      expect(result.lines.filter((l) => !isBlank(l))).toEqual(label.body);
      expect(isBlank(result.lines[0])).toBe(false);
      // A blank entry of its own is never silently lost: kept, or removed with a reason.
      const blanksIn = pageLines(page).filter(isBlank).length;
      const blanksOut = result.lines.filter(isBlank).length + result.removed.filter((r) => isBlank(r.line)).length;
      expect(blanksOut).toBe(blanksIn);
      expect(result.removed.filter((r) => isBlank(r.line)).every((r) => r.reason === 'blank' || r.reason === 'latest-rail')).toBe(
        true,
      );
    });

    it('pasted with CRLF line ends gives the same body and removals', () => {
      const lf = cleanPasted(page);
      const crlf = cleanPasted(page, [pageText(page).replace(/\n/g, '\r\n')]);
      expect(crlf).toEqual(lf);
    });

    it('accounts for every non-blank line of the page: kept or removed, none lost, none invented', () => {
      const result = cleanPasted(page);
      expect(result.removed.every((r) => !isBlank(r.line))).toBe(true);
      expect(sorted([...result.lines, ...result.removed.map((r) => r.line)])).toEqual(
        sorted(pageLines(page).filter((l) => !isBlank(l))),
      );
    });

    it('removes every chrome line and rail card the label lists', () => {
      const result = cleanPasted(page);
      const removed = result.removed.map((r) => r.line);
      for (const line of label.chrome) expect(removed).toContain(line);
      const rail = result.removed.filter((r) => r.reason === 'latest-rail').map((r) => r.line);
      expect(rail).toEqual(label.chrome.includes('The Latest') ? ['The Latest', ...label.rail.filter((c) => c !== '')] : []);
    });

    it('is idempotent, and leaves the labelled (clean) body alone', () => {
      expectIdempotent(cleanPasted(page), label.title, label.dek);
      const body = clean(label.body, label.title, label.dek);
      expect(body).toEqual({ lines: label.body, removed: [], related: [], changed: false });
    });
  });
});

describe('cleanBodyLines: what each pasted shape removes, and why', () => {
  it('rail shape: the teaser above the title, the title and dek copies, a related link, the rail', () => {
    const page = sample('halvorsen-antwerp-rail-a.txt');
    const lines = pageLines(page);
    const result = cleanPasted(page);
    expect(headAndInline(result)).toEqual([
      ['lead-teaser', lines[0]],
      ['title-copy', page.label.title],
      ['dek-copy', page.label.dek],
      ['related-content', 'RELATED CONTENT: Why Colored Stone Origin Reports Are Getting Harder to Write'],
    ]);
    expect(result.related).toEqual(['Why Colored Stone Origin Reports Are Getting Harder to Write']);
    const rail = result.removed.filter((r) => r.reason === 'latest-rail');
    expect(rail[0].line).toBe('The Latest');
    expect(rail.map((r) => r.line)).toContain('Sponsored by Marlow Refining');
    expect(rail).toHaveLength(1 + page.label.rail.filter((c) => c !== '').length);
  });

  it('category shape: category, title copy, date header, title, dek, image file and caption', () => {
    const page = sample('halvorsen-antwerp-category.txt');
    const result = cleanPasted(page);
    expect(headAndInline(result)).toEqual([
      ['category-header', 'Business'],
      ['title-copy', page.label.title],
      ['date-header', 'BusinessMar 14, 2024'],
      ['title-copy', page.label.title],
      ['dek-copy', page.label.dek],
      ['image', '20240314_Halvorsen Antwerp lab exterior.jpg'],
      ['caption', page.label.image?.caption],
      ['related-content', 'RELATED CONTENT: Why Colored Stone Origin Reports Are Getting Harder to Write'],
    ]);
    expect(result.lines[0]).toMatch(/^Antwerp, Belgium—/);
  });

  it('category shape of a column: the headshot alt text and bio box go, subheads and numbered items stay', () => {
    const page = sample('whitlock-column-category.txt');
    const result = cleanPasted(page);
    expect(headAndInline(result)).toEqual([
      ['category-header', 'Columns'],
      ['title-copy', 'Stop Discounting Your Expertise'],
      ['date-header', 'ColumnsMay 6, 2024'],
      ['title-copy', 'Stop Discounting Your Expertise'],
      ['dek-copy', page.label.dek],
      ['headshot', 'Dana Whitlock headshot'],
      ['bio-box', page.label.author?.bio],
    ]);
    expect(result.lines).toContain('Design Time Is Inventory');
    expect(result.lines.filter((l) => /^\d\. /.test(l))).toHaveLength(3);
  });

  it('a column closing with its author box: the box goes from the end, the rendered twin of a link line goes, the link line stays', () => {
    const page = sample('whitlock-column-closing-box.txt');
    const result = cleanPasted(page);
    const reasons = result.removed.filter((entry) => !['latest-rail', 'title-copy', 'dek-copy', 'lead-teaser'].includes(entry.reason));
    expect(reasons.map((entry) => [entry.reason, entry.line])).toEqual([
      ['rendered-twin', 'Click here to download my list of interview questions.'],
      ['headshot', 'Trade Gazette columnist Dana Whitlock'],
      ['bio-box', 'Dana Whitlock is a retail consultant, trainer and author.'],
      ['bio-box', 'She can be reached at dana@example.com.'],
    ]);
    expect(result.lines).toEqual(page.label.body);
    // Cleaning the clean body changes nothing.
    expect(clean(result.lines, page.label.title, page.label.dek).changed).toBe(false);
  });

  it('a bio standing alone where the image goes is the author box; a story that ends on a person in the news keeps its line', () => {
    const page = sample('reyes-editors-note-bio-only.txt');
    expect(cleanPasted(page).removed.find((entry) => entry.reason === 'bio-box')?.line).toBe(page.label.author?.bio?.replace('Reyes is', 'Reyesis'));
    for (const last of ['Ingrid Halvorsen is the chief executive of Halvorsen Gem Labs.', 'Ingrid Halvorsen is the founder of Halvorsen Gem Labs.', 'Jane Roe is a contributing editor at Gem Weekly.']) {
      expect(clean(['The lab opened on Monday.', 'It grades colored stones.', last], 'A Lab Opens', null).changed).toBe(false);
    }
  });

  it('sponsor-first shape: the banner above the title is a site banner; inline markup and placeholder go', () => {
    const page = sample('distraction-thefts-sponsor-first.txt');
    const result = cleanPasted(page);
    expect(headAndInline(result)).toEqual([
      ['site-banner', 'Sponsored by the Northfield Gem Institute'],
      ['title-copy', page.label.title],
      ['dek-copy', page.label.dek],
      ['html', '<div class="ad-slot" data-slot="inline-1"></div>'],
      ['placeholder', '\u00a0Related stories will be right here …\u00a0'],
    ]);
    // Trailing and inner NBSPs of the article's own lines are kept as written.
    expect(result.lines[0].endsWith('\u00a0')).toBe(true);
    expect(result.lines[2]).toBe('Losses reported so far range from $8,000\u00a0to $46,000 per incident.');
  });

  it('a sponsored article: the sponsor label in the dek slot is the dek copy', () => {
    const page = sample('marlow-recycled-platinum-sponsored.txt');
    const result = cleanPasted(page);
    expect(headAndInline(result)).toEqual([
      ['lead-teaser', pageLines(page)[0]],
      ['title-copy', 'Why Recycled Platinum Belongs in Your Bridal Case'],
      ['dek-copy', 'Sponsored by Marlow Refining'],
    ]);
  });

  it('title-first shape: no teaser to remove, just the title and dek copies', () => {
    const page = sample('coastal-guild-president-title-first.txt');
    expect(headAndInline(cleanPasted(page))).toEqual([
      ['title-copy', page.label.title],
      ['dek-copy', page.label.dek],
    ]);
  });

  it('a list article: every "-----" separator goes, the list entries stay', () => {
    const page = sample('mid-atlantic-gala-list.txt');
    const result = cleanPasted(page);
    expect(result.removed.filter((r) => r.reason === 'list-separator').map((r) => r.line)).toEqual(Array(5).fill('-----'));
    expect(result.lines).toHaveLength(7);
  });

  it('two digests with one title: the rail-shape one loses its teaser, the title-first one opens on its title', () => {
    const a = sample('digest-week-of-march-11.txt');
    const b = sample('digest-week-of-march-18.txt');
    expect(headAndInline(cleanPasted(a)).map(([reason]) => reason)).toEqual(['lead-teaser', 'title-copy', 'dek-copy']);
    expect(headAndInline(cleanPasted(b)).map(([reason]) => reason)).toEqual(['title-copy', 'dek-copy']);
    expect(cleanPasted(a).lines.filter((l) => /^\d\. /.test(l))).toHaveLength(5);
  });

  it('a page cut inside the rail: the cut card goes with the rail', () => {
    const page = sample('halvorsen-antwerp-rail-cut.txt');
    const result = cleanPasted(page);
    expect(result.removed[result.removed.length - 1]).toEqual({ line: 'The Swiss brand’s new bout', reason: 'latest-rail' });
    expect(result.lines).toEqual(page.label.body);
  });

  it('a page cut inside the rail header ("The La" as the last line)', () => {
    const page = sample('halvorsen-antwerp-rail-cut.txt');
    const upToRail = pageText(page).slice(0, pageText(page).indexOf('The Latest'));
    for (const cut of ['The La', 'The La\n', 'The Lates']) {
      const result = cleanPasted(page, [upToRail + cut]);
      expect(result.lines).toEqual(page.label.body);
      expect(result.removed[result.removed.length - 1]).toEqual({ line: cut.trim(), reason: 'latest-rail' });
    }
  });
});

// ---- the rail ----------------------------------------------------------------------------------------

describe('cleanBodyLines: the pasted rail', () => {
  const body = ['Akron, Ohio—The store reopened Monday after a six-week renovation.', 'Its owners added a bridal salon.'];

  it('"The Latest" alone on its line and everything after it are rail chrome, blank entries included', () => {
    const result = clean([...body, 'The Latest', '', 'A card about another story.', '', '', 'Sponsored by Quarry Tools'], null, null);
    expect(result.lines).toEqual(body);
    expect(result.removed).toEqual([
      { line: 'The Latest', reason: 'latest-rail' },
      { line: '', reason: 'latest-rail' },
      { line: 'A card about another story.', reason: 'latest-rail' },
      { line: '', reason: 'latest-rail' },
      { line: '', reason: 'latest-rail' },
      { line: 'Sponsored by Quarry Tools', reason: 'latest-rail' },
    ]);
  });

  it('the header is recognised in any case and with NBSP padding', () => {
    for (const header of ['THE LATEST', '\u00a0The Latest ', 'the latest']) {
      const result = clean([...body, header, 'A card.'], null, null);
      expect(result.lines).toEqual(body);
      expect(result.removed.map((r) => r.reason)).toEqual(['latest-rail', 'latest-rail']);
    }
  });

  it('a line that merely mentions the latest is body', () => {
    const lines = [
      'The latest figures show bridal sales up 4 percent.',
      'Read the latest on the show floor in our daily wrap.',
      'The Latest Trends in Lab-Grown Diamonds',
      'The Latest:',
    ];
    const result = clean(lines, null, null);
    expect(result.lines).toEqual(lines);
    expect(result.changed).toBe(false);
  });

  it('a cut header counts only as the last line; short prefixes never do', () => {
    expect(clean([...body, 'The La'], null, null).removed).toEqual([{ line: 'The La', reason: 'latest-rail' }]);
    expect(clean([...body, 'The Late', ''], null, null).removed).toEqual([
      { line: 'The Late', reason: 'latest-rail' },
      { line: '', reason: 'latest-rail' },
    ]);
    const inside = [body[0], 'The La', body[1]];
    expect(clean(inside, null, null).lines).toEqual(inside);
    // Five characters is the shortest cut header; "The" alone is too common to call.
    expect(clean([...body, 'The L'], null, null).lines).toEqual(body);
    for (const last of ['The', 'Them', 'The Lab']) expect(clean([...body, last], null, null).changed).toBe(false);
  });
});

// ---- the top of the body ---------------------------------------------------------------------------

describe('cleanBodyLines: the top of the body', () => {
  const title = 'Brightwater Opens Second Store in Duluth';
  const dek = 'The family jeweler is betting on a downtown that has lost three chains since 2019.';
  const teaser = 'A pearl farm in the Philippines has begun selling directly to retailers.';
  const opening = 'Duluth, Minn.—Brightwater Jewelers opened its second location Friday on Superior Street.';
  const rest = ['The store has six cases and a repair bench.', 'Owner Lena Brightwater said the lease runs ten years.'];

  it('a line is a lead teaser only when the title copy (and the dek copy) follow it', () => {
    const result = clean([teaser, title, dek, opening, ...rest], title, dek);
    expect(result.lines).toEqual([opening, ...rest]);
    expect(headAndInline(result)).toEqual([
      ['lead-teaser', teaser],
      ['title-copy', title],
      ['dek-copy', dek],
    ]);
  });

  it('a first paragraph with no title copy under it is body, whatever it reads like', () => {
    const lines = [teaser, opening, ...rest];
    expect(clean(lines, title, dek)).toEqual({ lines, removed: [], related: [], changed: false });
  });

  it('with a known dek, a line above a title copy that is not followed by the dek copy is kept (and so is the rest)', () => {
    const lines = [teaser, title, opening, ...rest];
    expect(clean(lines, title, dek)).toEqual({ lines, removed: [], related: [], changed: false });
  });

  it('without a dek, the title copy alone confirms the teaser', () => {
    const result = clean([teaser, title, opening, ...rest], title, null);
    expect(result.lines).toEqual([opening, ...rest]);
    expect(headAndInline(result).map(([r]) => r)).toEqual(['lead-teaser', 'title-copy']);
  });

  it('a line opening with a dateline is the article, never a teaser', () => {
    const lines = [opening, title, dek, ...rest];
    expect(clean(lines, title, dek).changed).toBe(false);
  });

  it('copies of the title and dek count only at the top; further down they are body', () => {
    const lines = [opening, title, dek, ...rest];
    expect(clean(lines, title, dek).lines).toEqual(lines);
    const result = clean([title, dek, opening, title, ...rest], title, dek);
    expect(result.lines).toEqual([opening, title, ...rest]);
  });

  it('compares with the title and dek through normaliseForMatch, and keeps kept lines as written', () => {
    const curlyTitle = 'Jeweler’s “Second Act” Opens — in Duluth';
    const pasted = ["Jeweler's  \"Second Act\" Opens -- in Duluth", `\u00a0${dek.toUpperCase()} `, 'She said it’s “a second act”—and more.'];
    const result = clean(pasted, curlyTitle, dek);
    expect(result.removed.map((r) => r.reason)).toEqual(['title-copy', 'dek-copy']);
    expect(result.lines).toEqual(['She said it’s “a second act”—and more.']);
  });

  it('blank lines at the top are removed (entries of their own) or dropped (pieces of a pasted paragraph)', () => {
    const own = clean(['', ' \u00a0', title, dek, opening], title, dek);
    expect(own.removed).toEqual([
      { line: '', reason: 'blank' },
      { line: ' \u00a0', reason: 'blank' },
      { line: title, reason: 'title-copy' },
      { line: dek, reason: 'dek-copy' },
    ]);
    const pasted = clean([`\n\n${title}\n\n${dek}\n\n${opening}`], title, dek);
    expect(pasted.removed.map((r) => r.reason)).toEqual(['title-copy', 'dek-copy']);
    expect(pasted.lines).toEqual([opening]);
  });

  it('markup and placeholders above the teaser do not hide it', () => {
    const result = clean(['<p>&nbsp;</p>', 'Loading…', teaser, title, dek, opening], title, dek);
    expect(result.removed.map((r) => r.reason)).toEqual(['html', 'placeholder', 'lead-teaser', 'title-copy', 'dek-copy']);
    expect(result.lines).toEqual([opening]);
  });

  it('"Sponsored by X" is a site banner only right above a title copy', () => {
    const banner = 'Sponsored by Quarry Tools';
    expect(headAndInline(clean([banner, title, dek, opening], title, dek))).toEqual([
      ['site-banner', banner],
      ['title-copy', title],
      ['dek-copy', dek],
    ]);
    const alone = [banner, opening];
    expect(clean(alone, title, dek).changed).toBe(false);
    const sentence = ['Sponsored by the Duluth chamber, the opening party drew 200 guests.', ...rest];
    expect(clean(sentence, title, dek).changed).toBe(false);
  });

  it('the category and "CategoryMon DD, YYYY" headers go; a date inside a sentence stays', () => {
    const pasted = ['Retail', '', title, '', 'RetailJune 3, 2024', '', title, '', dek, '', opening];
    const result = clean(pasted, title, dek);
    expect(result.lines).toEqual([opening]);
    expect(result.removed.map((r) => r.reason)).toEqual([
      'category-header',
      'blank',
      'title-copy',
      'blank',
      'date-header',
      'blank',
      'title-copy',
      'blank',
      'dek-copy',
      'blank',
    ]);
    const dated = ['The store opens June 3, 2024', 'Retail', 'June 3, 2024', ...rest];
    expect(clean(dated, title, dek).changed).toBe(false);
  });

  it('a bare date header counts when a title copy follows it', () => {
    expect(clean(['Jun 3, 2024', title, opening], title, null).removed.map((r) => r.reason)).toEqual([
      'date-header',
      'title-copy',
    ]);
  });

  it('the image file and caption go only right under the title/dek copies', () => {
    const image = 'Brightwater Duluth storefront.jpg';
    const caption = 'The new store occupies a former bank. (Photo courtesy of Brightwater Jewelers)';
    const result = clean([title, dek, '', image, caption, '', opening], title, dek);
    // The blank entry under the caption is still above the first kept line: it goes too.
    expect(result.removed.map((r) => r.reason)).toEqual(['title-copy', 'dek-copy', 'blank', 'image', 'caption', 'blank']);
    expect(result.lines).toEqual([opening]);
    // The line under the image is body when it opens with the dateline.
    expect(clean([title, dek, image, opening], title, dek).lines).toEqual([opening]);
    // No title/dek copy above: an image file line is left for the editor.
    expect(clean([image, caption, opening], title, dek).changed).toBe(false);
    expect(clean([opening, image, caption], title, dek).changed).toBe(false);
  });

  it('a caption without its image file line goes only in a pasted category page, right above the dateline', () => {
    const caption = 'Brightwater’s new store on Superior Street.';
    const category = clean(['Retail', title, 'RetailJune 3, 2024', title, dek, caption, opening, ...rest], title, dek);
    expect(category.removed.map((r) => r.reason)).toEqual([
      'category-header',
      'title-copy',
      'date-header',
      'title-copy',
      'dek-copy',
      'caption',
    ]);
    expect(category.lines).toEqual([opening, ...rest]);
    // In a rail-shape paste the same line is the article's first paragraph.
    expect(clean([teaser, title, dek, caption, opening], title, dek).lines).toEqual([caption, opening]);
  });

  it('a headshot takes its bio box with it only on category pages', () => {
    const headshot = 'Lena Brightwater headshot';
    const bio = 'Lena Brightwater writes about store openings and is a third-generation jeweler.';
    const column = clean(['Columns', title, 'ColumnsJune 3, 2024', title, dek, headshot, bio, '', rest[0]], title, dek);
    expect(column.removed.map((r) => r.reason)).toEqual([
      'category-header',
      'title-copy',
      'date-header',
      'title-copy',
      'dek-copy',
      'headshot',
      'bio-box',
      'blank',
    ]);
    expect(column.lines).toEqual([rest[0]]);
    expect(clean([title, dek, headshot, bio], title, dek).lines).toEqual([bio]);
  });

  it('with no title or dek, only self-evident chrome goes from the top', () => {
    const pasted = [teaser, title, dek, opening, 'RELATED CONTENT: Another Store Opens', ...rest, 'The Latest', 'A card.'];
    const result = clean(pasted, null, '  ');
    expect(result.lines).toEqual([teaser, title, dek, opening, ...rest]);
    expect(result.removed.map((r) => r.reason)).toEqual(['related-content', 'latest-rail', 'latest-rail']);
    expect(result.related).toEqual(['Another Store Opens']);
  });
});

// ---- chrome anywhere --------------------------------------------------------------------------------

describe('cleanBodyLines: chrome anywhere in the body', () => {
  const a = 'Providence, R.I.—The refiner doubled its assay capacity this spring.';
  const b = 'It now processes about 900 scrap lots a month.';

  it('related links, separators, placeholders and markup-only lines are removed with their reasons', () => {
    const result = clean(
      [a, 'RELATED CONTENT: How Assay Labs Price Their Work', '-----', b, '* * *', 'Advertisement', '<div class="slot"></div>', '<!-- x -->', b],
      'Refiner Doubles Assay Capacity',
      null,
    );
    expect(result.lines).toEqual([a, b, b]);
    expect(result.removed).toEqual([
      { line: 'RELATED CONTENT: How Assay Labs Price Their Work', reason: 'related-content' },
      { line: '-----', reason: 'list-separator' },
      { line: '* * *', reason: 'list-separator' },
      { line: 'Advertisement', reason: 'placeholder' },
      { line: '<div class="slot"></div>', reason: 'html' },
      { line: '<!-- x -->', reason: 'html' },
    ]);
    expect(result.related).toEqual(['How Assay Labs Price Their Work']);
  });

  it('a line with markup around real words is body', () => {
    const lines = [a, 'Read the <em>full</em> survey on our site.', b];
    expect(clean(lines, null, null).changed).toBe(false);
  });

  it('boilerplate keys remove a line anywhere, in any typography; keep keys protect it', () => {
    const signOff = 'Subscribe to our newsletter for the week’s top stories.';
    const straight = "Subscribe to our  newsletter for the week's top stories.";
    const boilerplateKeys = new Set([normalisedTextHash(signOff)]);
    const result = clean([signOff, a, b, straight], null, null, { boilerplateKeys });
    expect(result.lines).toEqual([a, b]);
    expect(result.removed).toEqual([
      { line: signOff, reason: 'boilerplate' },
      { line: straight, reason: 'boilerplate' },
    ]);
    const kept = clean([signOff, a, b], null, null, { boilerplateKeys, keepKeys: new Set([normalisedTextHash(straight)]) });
    expect(kept.changed).toBe(false);
  });

  it('a boilerplate line at the top does not end the head', () => {
    const title = 'Refiner Doubles Assay Capacity';
    const boilerplateKeys = new Set([normalisedTextHash('Our newsletter is free.')]);
    const result = clean(['Our newsletter is free.', title, a], title, null, { boilerplateKeys });
    expect(result.removed.map((r) => r.reason)).toEqual(['boilerplate', 'title-copy']);
    expect(result.lines).toEqual([a]);
  });

  it('legit body lines survive: datelines, subheads, numbered items, "Sponsored by" sentences, title-like lines', () => {
    const title = 'Refiner Doubles Assay Capacity';
    const lines = [
      'Paris—The fair drew 40,000 visitors, organizers said.',
      'New York--Prices held steady.',
      'What Buyers Asked For',
      '1. Recycled gold with paperwork.',
      '2. Smaller minimum orders.',
      'Sponsored by Quarry Tools',
      'Sponsored by the city’s arts council, the exhibit runs through May.',
      'The latest survey, out Tuesday, agrees.',
      title,
      'BusinessMar 14, 2024',
      'Rings 2024.jpg',
      '',
      'Loading the truck took an hour.',
    ];
    const result = clean(lines, title, 'A dek that is not in the body.');
    expect(result).toEqual({ lines, removed: [], related: [], changed: false });
  });
});

// ---- line breaks inside an entered line --------------------------------------------------------------

describe('cleanBodyLines: entered lines holding line breaks', () => {
  it('splits them into lines and drops blank pieces silently', () => {
    const result = clean(['First paragraph.\n\nSecond paragraph.', 'Third.'], null, null);
    expect(result).toEqual({ lines: ['First paragraph.', 'Second paragraph.', 'Third.'], removed: [], related: [], changed: true });
  });

  it('handles CRLF and lone CR, and keeps each piece byte-for-byte', () => {
    const result = clean(['One\u00a0\r\n \u00a0 \r\nTwo “quoted”\rThree — dash '], null, null);
    expect(result.lines).toEqual(['One\u00a0', 'Two “quoted”', 'Three — dash ']);
    expect(result.removed).toEqual([]);
  });

  it('a blank entry of its own below the head is kept', () => {
    const lines = ['First.', '', 'Second.'];
    expect(clean(lines, null, null)).toEqual({ lines, removed: [], related: [], changed: false });
  });

  it('chrome inside a pasted paragraph is found piece by piece', () => {
    const result = clean(['Body one.\n-----\nBody two.\nThe Latest\nCard.'], null, null);
    expect(result.lines).toEqual(['Body one.', 'Body two.']);
    expect(result.removed).toEqual([
      { line: '-----', reason: 'list-separator' },
      { line: 'The Latest', reason: 'latest-rail' },
      { line: 'Card.', reason: 'latest-rail' },
    ]);
  });
});

// ---- typography and idempotence ---------------------------------------------------------------------

describe('cleanBodyLines: text kept as written, and idempotence', () => {
  it('returns kept lines unchanged, typography included, and does not touch the input array', () => {
    const lines = Object.freeze([
      'Antwerp, Belgium—The lab’s “first” site\u00a0opens.',
      '  Indented line with trailing space ',
      'Ｆｕｌｌｗｉｄｔｈ letters stay ﬁne.',
    ]);
    const result = clean(lines, 'A Title', 'A dek.');
    expect(result.changed).toBe(false);
    result.lines.forEach((line, i) => expect(line).toBe(lines[i]));
  });

  it('cleaning twice changes nothing the second time, over many pasted variants', () => {
    const title = 'Brightwater Opens Second Store in Duluth';
    const dek = 'A dek line for the test.';
    const variants: string[][] = [
      ['Teaser of another story.', title, dek, 'Body.', 'The Latest', 'Card.'],
      ['Retail', title, 'RetailJune 3, 2024', title, dek, 'shop.jpg', 'Caption.', 'Duluth—Body.', '-----', 'More.'],
      ['Sponsored by Quarry Tools', title, dek, '<p></p>', 'Body.', 'The La'],
      [title, dek, 'First real line.', title, dek, 'Second real line.'],
      ['', '', 'Only body.', ''],
      [`Teaser.\n${title}\n${dek}\n\nBody one.\n\nBody two.\nThe Latest\n\nCard.`],
    ];
    for (const lines of variants) expectIdempotent(clean(lines, title, dek), title, dek);
    for (const page of samples) expectIdempotent(cleanPasted(page, pageLines(page)), page.label.title, page.label.dek);
  });

  it('an empty body stays empty', () => {
    expect(clean([], 'T', 'D')).toEqual({ lines: [], removed: [], related: [], changed: false });
  });
});

// ---- the real corpus (read from ../shared, never copied) --------------------------------------------

const corpus = loadCorpus();

if (corpus === null) {
  const reason = `${CORPUS_DIR} not found; set NEWSROOM_SHARED_DIR to the shared folder to run it`;
  console.warn(`cleanBodyLines corpus pages skipped: ${reason}`);
  it.skip(`cleanBodyLines: gives every labelled corpus page its labelled body (skipped: ${reason})`);
} else {
  const pages = corpus;

  describe('cleanBodyLines: corpus pages pasted whole', () => {
    it('are there to paste (pages and the three seeds)', () => {
      expect(pages.length).toBeGreaterThanOrEqual(50);
    });
  });

  /**
   * Pasting a page's full text as the body, with the label's title and dek, leaves exactly the
   * label's body lines. The image file line and its caption are not body (LABELING.md): they are
   * removed as 'image' / 'caption' when they sit right under the title/dek copies, as on every
   * category page here. A caption whose image file line the scrape lost is removed as 'caption' on
   * a pasted category page.
   */
  describe.each(pages.map((p) => [p.file, p] as const))('corpus page %s', (_file, page) => {
    const { label } = page;
    const result = cleanPasted(page);

    it('pasted as one paragraph gives exactly the labelled body', () => {
      expect(result.lines).toEqual(label.body);
    });

    it('pasted one entry per line gives the labelled body once blank entries are left out', () => {
      expect(cleanPasted(page, pageLines(page)).lines.filter((l) => !isBlank(l))).toEqual(label.body);
    });

    it('removes every labelled chrome line, the rail, and the image slot', () => {
      const removed = result.removed.map((r) => r.line);
      for (const line of label.chrome) expect(removed).toContain(line);
      const rail = result.removed.filter((r) => r.reason === 'latest-rail').map((r) => r.line.trim());
      for (const card of label.rail.filter((c) => c !== '')) expect(rail).toContain(card.trim());
      if (label.image !== null) {
        expect(result.removed).toContainEqual({ line: label.image.file, reason: 'image' });
        if (label.image.caption !== null) expect(result.removed).toContainEqual({ line: label.image.caption, reason: 'caption' });
      }
      expect(sorted([...result.lines, ...removed])).toEqual(sorted(pageLines(page).filter((l) => !isBlank(l))));
    });

    it('is idempotent', () => {
      expectIdempotent(result, label.title, label.dek);
    });
  });
}

describe('cleanBodyLines: keptByLine maps each entered line to what was kept of it', () => {
  it('gives [line] for a kept line, [] for a removed one, and the kept pieces of a split paragraph', () => {
    const title = 'Harbor Jewelers Opens A Second Store';
    const result = cleanBodyLines({
      lines: [title, 'Portland—Harbor Jewelers opened a second store on Friday.', 'It sells estate pieces.\nThe Latest\nA card.', 'Another card.'],
      title,
      dek: null,
    });
    expect(result.keptByLine).toEqual([[], ['Portland—Harbor Jewelers opened a second store on Friday.'], ['It sells estate pieces.'], []]);
    expect(result.keptByLine.flat()).toEqual(result.lines);
  });
});
