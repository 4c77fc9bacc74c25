import { normaliseForMatch } from '../../../src/plugins/newsroom/server/src/dedupe';
import {
  dateHeaderOf,
  imageLines,
  imageSlotLines,
  isCategoryLine,
  type HeadLines,
} from '../../../src/plugins/newsroom/server/src/page/head-of-page';
import { categoryDate } from '../../../src/plugins/newsroom/server/src/page/line-patterns';
import { lineKey } from '../../../src/plugins/newsroom/server/src/page/normalise-text';

/** The lines as a page's head, with `chrome` the lines that stand alone and `endsBio` those that end a bio box. */
function head(lines: string[], options: { chrome?: number[]; endsBio?: number[]; end?: number } = {}): HeadLines {
  const chrome = new Set(options.chrome ?? []);
  const endsBio = options.endsBio;
  return {
    lines,
    keys: lines.map(lineKey),
    end: options.end ?? lines.length,
    standsAlone: (i) => chrome.has(i),
    ...(endsBio === undefined ? {} : { endsBio: (i: number) => endsBio.includes(i) }),
  };
}

const DATELINE = 'Antwerp, Belgium—Halvorsen Gem Labs opened its grading center on Monday.';

describe('the image slot under the title and dek', () => {
  it('takes an image file line with the caption on the very next line', () => {
    const page = head(['20240314_Halvorsen Antwerp lab exterior.jpg', 'The new lab, pictured in March.', DATELINE]);
    expect(imageSlotLines(page, 0, false)).toEqual(['image', 'caption']);
    expect(imageLines(page, 0)).toEqual(['image', 'caption']);
  });

  it('takes no caption when the next line is the dateline, blank, another image, chrome, or past the end', () => {
    expect(imageSlotLines(head(['lab.jpg', DATELINE]), 0, true)).toEqual(['image']);
    expect(imageSlotLines(head(['lab.jpg', '', 'The new lab.']), 0, true)).toEqual(['image']);
    expect(imageSlotLines(head(['lab.jpg', 'lab-2.png']), 0, true)).toEqual(['image']);
    expect(imageSlotLines(head(['lab.jpg', 'The Title Again'], { chrome: [1] }), 0, true)).toEqual(['image']);
    expect(imageSlotLines(head(['lab.jpg', 'The new lab.'], { end: 1 }), 0, true)).toEqual(['image']);
  });

  it('is empty on a blank line, past the end, or on a body line', () => {
    expect(imageSlotLines(head(['', 'lab.jpg']), 0, true)).toEqual([]);
    expect(imageSlotLines(head(['lab.jpg']), 1, true)).toEqual([]);
    expect(imageSlotLines(head([DATELINE, 'More body.']), 0, true)).toEqual([]);
  });

  it('on category pages, takes a line running into the dateline as a caption whose image file line was lost', () => {
    const page = head(['The new lab, pictured in March.', DATELINE]);
    expect(imageSlotLines(page, 0, true)).toEqual(['no-image-file']);
    expect(imageSlotLines(page, 0, false)).toEqual([]);
    expect(imageSlotLines(head(['The new lab, pictured in March.', DATELINE], { chrome: [0] }), 0, true)).toEqual([]);
    expect(imageSlotLines(head(['The new lab, pictured in March.', '', DATELINE]), 0, true)).toEqual([]);
    expect(imageSlotLines(head(['The new lab, pictured in March.', DATELINE], { end: 1 }), 0, true)).toEqual([]);
  });

  it('on category pages, takes a headshot with at most two bio lines, up to a blank line or the dateline', () => {
    const bio = ['Jane Roe covers the trade.', 'She has written for us since 2010.', 'A third line.'];
    expect(imageSlotLines(head(['Jane Roe headshot', ...bio]), 0, true)).toEqual(['headshot', 'bio-box', 'bio-box']);
    expect(imageSlotLines(head(['Jane Roe headshot', bio[0], '', bio[1]]), 0, true)).toEqual(['headshot', 'bio-box']);
    expect(imageSlotLines(head(['Jane Roe headshot', DATELINE]), 0, true)).toEqual(['headshot']);
    expect(imageSlotLines(head(['Jane Roe headshot', ...bio], { end: 2 }), 0, true)).toEqual(['headshot', 'bio-box']);
  });

  it('ends a bio box at a line the caller marks, and only then', () => {
    const lines = ['Jane Roe headshot', 'Jane Roe covers the trade.', '-----'];
    expect(imageSlotLines(head(lines, { endsBio: [2] }), 0, true)).toEqual(['headshot', 'bio-box']);
    expect(imageSlotLines(head(lines), 0, true)).toEqual(['headshot', 'bio-box', 'bio-box']);
  });

  it('outside category pages, takes a headshot only as an author box', () => {
    expect(imageSlotLines(head(['Jane Roe headshot', 'Jane Roe covers the trade.']), 0, false)).toEqual(['headshot']);
    const box = ['Trade Gazette columnist Dana Whitlock', 'Dana Whitlock is a retail consultant, trainer and author.', 'She can be reached at dana@example.com.'];
    expect(imageSlotLines(head([...box, DATELINE]), 0, false)).toEqual(['headshot', 'bio-box', 'bio-box']);
  });
});

describe('the category date header', () => {
  it('is a date line with its category run into the month, or one its surroundings confirm', () => {
    expect(dateHeaderOf('BusinessMar 14, 2024', 'BusinessMar 14, 2024', () => false)).toEqual({ category: 'Business', isoDate: '2024-03-14', glued: true });
    expect(dateHeaderOf('Mar 14, 2024', 'Mar 14, 2024', () => false)).toBeNull();
    expect(dateHeaderOf('Mar 14, 2024', 'Mar 14, 2024', () => true)).toEqual({ category: null, isoDate: '2024-03-14', glued: false });
    expect(dateHeaderOf('The lab opened on Mar 14, 2024.', 'The lab opened on Mar 14, 2024.', () => true)).toBeNull();
  });

  it('has its category on the line above, compared in the caller’s form', () => {
    const header = categoryDate('BusinessMar 14, 2024', 'BusinessMar 14, 2024');
    if (header === null) throw new Error('not a date header');
    expect(isCategoryLine(lineKey('Business'), header, lineKey)).toBe(true);
    expect(isCategoryLine(lineKey('BUSINESS'), header, lineKey)).toBe(false);
    expect(isCategoryLine(normaliseForMatch('BUSINESS'), header, normaliseForMatch)).toBe(true);
    const bare = categoryDate('Mar 14, 2024', 'Mar 14, 2024');
    if (bare === null) throw new Error('not a date');
    expect(isCategoryLine(lineKey('Business'), bare, lineKey)).toBe(false);
  });
});
