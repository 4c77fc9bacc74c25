import fs from 'fs';
import path from 'path';
import {
  MAX_PAGE_BYTES,
  PageError,
  type ParsedPage,
  readPage,
} from '../../../src/plugins/newsroom/server/src/page';
import { SAMPLES_DIR } from './labelled-pages';

function sample(file: string): string {
  return fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8');
}

function refusal(input: string | Uint8Array): PageError {
  try {
    readPage(input);
  } catch (error) {
    if (error instanceof PageError) return error;
    throw error;
  }
  throw new Error('readPage accepted input it should have refused');
}

describe('what is not a page is refused with a PageError naming the reason', () => {
  it.each([
    ['an empty string', '', 'empty', /empty/],
    ['empty bytes', new Uint8Array(0), 'empty', /empty/],
    ['no input at all (from untyped callers)', undefined as unknown as string, 'empty', /no input/],
    ['whitespace only', '  \n\t\r\n \u00a0\n', 'empty', /whitespace/],
    ['a BOM and newlines only', '\ufeff\n\n', 'empty', /whitespace/],
    ['NUL bytes', 'Gold Prices Climb\u0000\u0000\u0000Again\n', 'binary', /binary/],
    ['NUL bytes given as a buffer', Buffer.from([0x47, 0x49, 0x41, 0x00, 0x01, 0x02, 0x0a]), 'binary', /binary/],
    ['mostly control characters', '\u0001\u0002\u0003\u0004\u0005 ring \u0006\u0007\u0008\u000e\u000f\n', 'binary', /binary/],
    ['invalid UTF-8 bytes', Buffer.from([0x52, 0x69, 0x6e, 0x67, 0xc3, 0x28, 0x0a]), 'invalid-utf8', /UTF-8/],
    ['Latin-1 text', Buffer.from('Caf\u00e9 Jewelers Opens\n', 'latin1'), 'invalid-utf8', /UTF-8/],
    ['an HTML document (doctype)', '<!DOCTYPE html>\n<html><body><p>Gold</p></body></html>\n', 'html', /HTML/],
    ['an HTML document (html tag)', '  <html lang="en">\n<head><title>x</title></head>\n', 'html', /HTML/],
    ['mostly tags', '<div class="story">\n<p>Gold</p>\n<span>up</span>\n</div>\n', 'html', /HTML/],
    ['over the size cap (string)', 'a'.repeat(MAX_PAGE_BYTES + 1), 'too-large', /too large/],
    ['over the size cap (bytes)', new Uint8Array(MAX_PAGE_BYTES + 1).fill(0x61), 'too-large', /too large/],
    // 700,000 euro signs are 2.1 MB of UTF-8 though the string is only 700,000 units long.
    ['over the size cap in UTF-8 bytes', '\u20ac'.repeat(700_000), 'too-large', /too large/],
  ] as const)('%s', (_case, input, code, message) => {
    const error = refusal(input);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.name).toBe('PageError');
    expect(error).toBeInstanceOf(Error);
  });

  it('reads a page of exactly MAX_PAGE_BYTES, quickly', () => {
    const started = Date.now();
    const page = readPage('x'.repeat(MAX_PAGE_BYTES));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(page.ledger).toHaveLength(1);
    expect(page.body).toEqual(['x'.repeat(MAX_PAGE_BYTES)]);
  });

  it('stays linear on a huge page of short lines', () => {
    const text = sample('halvorsen-antwerp-rail-a.txt');
    const big = text.repeat(Math.floor(MAX_PAGE_BYTES / Buffer.byteLength(text)));
    const started = Date.now();
    // The reader itself has no line limit; callers pass PAGE_LINE_LIMIT.
    const page = readPage(big, { maxLines: Number.MAX_SAFE_INTEGER });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(page.ledger.length).toBe(big.split('\n').length - 1);
  });
});

describe('stray HTML inside a page is read, not refused', () => {
  const clean = sample('coastal-guild-president-title-first.txt');
  const lines = clean.split('\n');

  it('takes a markup-only line as html chrome', () => {
    const withTag = [...lines.slice(0, 4), '<div class="ad-slot"></div>', ...lines.slice(4)].join('\n');
    const page = readPage(withTag);
    expect(page.chrome).toContainEqual({ line: '<div class="ad-slot"></div>', reason: 'html' });
    expect(page.body).toEqual(readPage(clean).body);
  });

  it('keeps a line with markup and text in body, with a warning', () => {
    const line = 'The guild meets <b>quarterly</b> in Charleston.';
    const page = readPage([...lines.slice(0, 5), line, ...lines.slice(5)].join('\n'));
    expect(page.body).toContain(line);
    expect(page.warnings).toContainEqual(expect.stringMatching(/^line 6: contains HTML markup/));
  });
});

/** Everything but the ledger, with NBSPs as spaces and trailing spaces gone from every string. */
function comparable(page: ParsedPage): unknown {
  const { ledger: _ledger, ...rest } = page;
  return JSON.parse(JSON.stringify(rest), (_key, value: unknown) =>
    typeof value === 'string' ? value.replace(/\u00a0/g, ' ').replace(/ +$/, '') : value,
  );
}

describe('line endings, BOM, NBSP and trailing spaces read like the clean page', () => {
  const files = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt'));

  it.each(files)('%s', (file) => {
    const clean = sample(file);
    const expected = readPage(clean);

    const exactVariants = {
      crlf: clean.replace(/\n/g, '\r\n'),
      'lone CR': clean.replace(/\n/g, '\r'),
      'BOM (string)': `\ufeff${clean}`,
      'BOM (bytes)': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(clean.replace(/\n/g, '\r\n'))]),
    };
    for (const [variant, input] of Object.entries(exactVariants)) {
      expect([variant, readPage(input)]).toEqual([variant, expected]);
    }

    const nbsp = clean.replace(/ /g, '\u00a0');
    const nbspPage = readPage(nbsp);
    expect(['nbsp', comparable(nbspPage)]).toEqual(['nbsp', comparable(expected)]);
    // The page's own text comes back as it was, NBSPs included.
    expect(nbspPage.ledger.map((e) => e.text)).toEqual(nbsp.split('\n').slice(0, expected.ledger.length));
    expect(nbspPage.title).toBe(expected.title === null ? null : expected.title.replace(/ /g, '\u00a0'));

    // Trailing spaces on every line but a last line without a newline (a cut page's marker).
    const paddedPage = readPage(clean.replace(/\n/g, '  \n'));
    expect(['trailing spaces', comparable(paddedPage)]).toEqual(['trailing spaces', comparable(expected)]);
  });
});

describe('a page cut off by the scrape cap', () => {
  const clean = sample('mid-atlantic-gala-list.txt');

  it('keeps the partial last line, marks the page truncated and warns', () => {
    const lastEntry = 'Ellery & Sons, Wilmington, Delaware: Heritage';
    const cut = clean.slice(0, clean.indexOf(lastEntry) + lastEntry.length - 3);
    const page = readPage(cut);
    expect(page.truncated).toBe(true);
    expect(page.body[page.body.length - 1]).toBe('Ellery & Sons, Wilmington, Delaware: Herit');
    expect(page.warnings).toContainEqual(expect.stringMatching(/cut off: line \d+/));
    expect(page.rail).toEqual([]);
  });

  it('takes a cut "The La" header as rail-header chrome', () => {
    const cut = clean.slice(0, clean.indexOf('The Latest') + 'The La'.length);
    const page = readPage(cut);
    expect(page.truncated).toBe(true);
    expect(page.chrome[page.chrome.length - 1]).toEqual({ line: 'The La', reason: 'latest-header' });
    expect(page.body).not.toContain('The La');
    expect(page.body).toEqual(readPage(clean).body);
  });

  it('treats a cut after a space as truncated even after a full stop', () => {
    const end = clean.indexOf('Here are this year’s honorees.') + 'Here are this year’s honorees.'.length;
    expect(readPage(`${clean.slice(0, end)} `).truncated).toBe(true);
  });

  it('does not call a page truncated when it only lacks the final newline', () => {
    expect(clean.endsWith('\n')).toBe(true);
    const page = readPage(clean.slice(0, -1));
    expect(page.truncated).toBe(false);
    expect(page.warnings).toEqual([]);
  });
});

describe('a page of unknown shape', () => {
  const text = [
    'Notes from the show floor, in no particular order.',
    '',
    'Booth traffic was steady on the first morning.',
    'Several dealers reported brisk sales of spinel and tourmaline.',
    '',
    'RELATED CONTENT: Spinel Steps Out of Ruby’s Shadow',
    'Parking remains the top complaint among exhibitors.',
    '',
  ].join('\n');
  const page = readPage(text);

  it('is read as shape "other" with a warning', () => {
    expect(page.shape).toBe('other');
    expect(page.title).toBeNull();
    expect(page.dek).toBeNull();
    expect(page.warnings[0]).toMatch(/unknown page shape/);
  });

  it('keeps every line: text in body, recognised chrome as chrome, and names the unplaced lines', () => {
    expect(page.body).toEqual([
      'Notes from the show floor, in no particular order.',
      'Booth traffic was steady on the first morning.',
      'Several dealers reported brisk sales of spinel and tourmaline.',
      'Parking remains the top complaint among exhibitors.',
    ]);
    expect(page.related).toEqual(['Spinel Steps Out of Ruby’s Shadow']);
    expect(page.ledger.map((e) => e.role)).toEqual(['body', 'blank', 'body', 'body', 'blank', 'chrome', 'body']);
    expect(page.warnings).toContainEqual('lines 1, 3-4, 7 could not be placed; kept in body');
  });
});

describe('the ledger', () => {
  it('has one entry per line, a final newline opening no extra line', () => {
    expect(readPage('A Title Here\nA dek that reads as a sentence.\n').ledger).toHaveLength(2);
    expect(readPage('A Title Here\nA dek that reads as a sentence.').ledger).toHaveLength(2);
    expect(readPage('A Title Here\nA dek that reads as a sentence.\n\n').ledger).toHaveLength(3);
  });

  it('numbers lines from 1 and keeps each line minus its terminator and the BOM', () => {
    const page = readPage('\ufeffA Title Here\r\nA dek that reads as a sentence.\rBody line one.\n');
    expect(page.ledger).toEqual([
      { line: 1, text: 'A Title Here', role: 'title' },
      { line: 2, text: 'A dek that reads as a sentence.', role: 'dek' },
      { line: 3, text: 'Body line one.', role: 'body' },
    ]);
  });
});

describe('the line limit and a markup title', () => {
  const pageOf = (bodyLines: number) =>
    ['Gold Prices Climb Again', '', ...Array.from({ length: bodyLines }, (_, i) => `Body paragraph number ${i}.`)].join('\n');

  it('refuses a page over the line limit, naming the count, the limit and its variable', () => {
    let error: PageError | undefined;
    try {
      readPage(pageOf(99), { maxLines: 100 });
    } catch (caught) {
      error = caught as PageError;
    }
    expect(error).toBeInstanceOf(PageError);
    expect(error?.code).toBe('too-many-lines');
    expect(error?.message).toBe('not a page: 101 lines, more than the limit of 100 (PAGE_LINE_LIMIT)');
    expect(readPage(pageOf(98), { maxLines: 100 }).title).toBe('Gold Prices Climb Again');
  });

  it('refuses 100,000 short lines under the default limit', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `L${i % 997}`);
    expect(refusal(`Gold Prices Climb Again\n\n${lines.join('\n')}\n`).code).toBe('too-many-lines');
  });

  it('refuses a fragment whose title line is markup', () => {
    const fragment = '<div><h1>Gold Prices Climb</h1>\nA first line of text below the heading.\nAnother line of plain text.\n';
    const error = refusal(fragment);
    expect(error.code).toBe('html');
    expect(error.message).toMatch(/title line is HTML markup/);
  });
});
