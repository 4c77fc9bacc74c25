import path from 'path';
import fc from 'fast-check';
import { DEFAULT_MAX_PAGE_LINES, PageError, readPage } from '../../../src/plugins/newsroom/server/src/page';
import { loadCorpus, loadLabelledPages, SAMPLES_DIR } from './labelled-pages';

/**
 * Mutated pages: lines dropped, duplicated, swapped or replaced by junk, text cut anywhere, bytes
 * flipped, line endings changed, a BOM added. Whatever comes in, readPage either refuses it with a
 * PageError that is true of the input, or accounts for every input line, in order, in the ledger.
 */

const bases = [
  ...loadLabelledPages(SAMPLES_DIR, path.join(SAMPLES_DIR, 'labels')),
  ...(loadCorpus() ?? []),
].map((p) => p.bytes.toString('utf8'));

type Mutation =
  | { kind: 'drop' | 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'replace' | 'insert'; at: number; text: string }
  | { kind: 'cut'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'eol'; style: '\r\n' | '\r' }
  | { kind: 'bom' };

const junkLine = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    'The Latest',
    'The La',
    '-----',
    'Sponsored by Marlow Refining',
    'RELATED CONTENT: ',
    '<div></div>',
    '<p>text</p>',
    'BusinessMar 14, 2024',
    'ColumnsFeb 30, 2024',
    'photo.jpg',
    'Jane Roe headshot',
    'New York--',
    '\u00a0',
    '',
  ),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constantFrom('replace' as const, 'insert' as const), at: fc.nat(), text: junkLine }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('eol' as const), style: fc.constantFrom('\r\n' as const, '\r' as const) }),
  fc.record({ kind: fc.constant('bom' as const) }),
);

/** Applies mutations in order; a byte flip turns the page into bytes from then on. */
function mutate(base: string, mutations: readonly Mutation[], asBytes: boolean): string | Buffer {
  let page: string | Buffer = base;
  for (const m of mutations) {
    if (m.kind === 'flip') {
      const bytes: Buffer = Buffer.from(page);
      if (bytes.length > 0) bytes[m.at % bytes.length] ^= 1 << m.bit;
      page = bytes;
    } else {
      const text: string = typeof page === 'string' ? page : page.toString('utf8');
      const next: string = mutateText(text, m);
      page = typeof page === 'string' ? next : Buffer.from(next);
    }
  }
  return asBytes && typeof page === 'string' ? Buffer.from(page) : page;
}

function mutateText(text: string, m: Exclude<Mutation, { kind: 'flip' }>): string {
  switch (m.kind) {
    case 'cut':
      return text.slice(0, m.at % (text.length + 1));
    case 'eol':
      return text.replace(/\n/g, m.style);
    case 'bom':
      return `\ufeff${text}`;
    default:
      break;
  }
  const lines = text.split('\n');
  const at = m.at % lines.length;
  switch (m.kind) {
    case 'drop':
      lines.splice(at, 1);
      break;
    case 'duplicate':
      lines.splice(at, 0, lines[at]);
      break;
    case 'swap': {
      const other = m.with % lines.length;
      [lines[at], lines[other]] = [lines[other], lines[at]];
      break;
    }
    case 'replace':
      lines[at] = m.text;
      break;
    case 'insert':
      lines.splice(at, 0, m.text);
      break;
  }
  return lines.join('\n');
}

/** The input's lines as the reader must report them, or null when the bytes are not UTF-8. */
function inputLines(input: string | Buffer): { text: string; lines: string[] } | null {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      return null;
    }
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const lines = text.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(text)) lines.pop();
  return { text, lines };
}

const ROLES = new Set(['title', 'dek', 'body', 'image', 'caption', 'author', 'chrome', 'rail', 'blank']);

describe('readPage on mutated pages', () => {
  it('has pages to mutate', () => {
    expect(bases.length).toBeGreaterThanOrEqual(10);
  });

  it('refuses only with a true PageError, and otherwise accounts for every line', () => {
    const counts = { read: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (base, mutations, asBytes) => {
          const input = mutate(base, mutations, asBytes);
          const expected = inputLines(input);
          let page;
          try {
            page = readPage(input);
          } catch (error) {
            if (!(error instanceof PageError)) throw error;
            counts.refused += 1;
            if (error.code === 'invalid-utf8') return expected === null;
            if (expected === null) return false;
            if (error.code === 'empty') return expected.text.trim() === '';
            if (error.code === 'binary') return /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/.test(expected.text);
            if (error.code === 'too-many-lines') return expected.lines.length > DEFAULT_MAX_PAGE_LINES;
            return error.code === 'html';
          }
          counts.read += 1;
          if (expected === null) return false;
          expect(page.ledger.map((e) => e.text)).toEqual(expected.lines);
          expect(page.ledger.every((e, i) => e.line === i + 1 && ROLES.has(e.role))).toBe(true);
          const lineSet = new Set(expected.lines);
          expect(page.body.every((b) => lineSet.has(b))).toBe(true);
          expect(page.chrome.every((c) => lineSet.has(c.line))).toBe(true);
          expect(page.ledger.filter((e) => e.role === 'body').map((e) => e.text)).toEqual(page.body);
          return true;
        },
      ),
      { numRuns: 10_000 },
    );
    // Most mutations leave a readable page; if nearly all were refused the property would prove little.
    expect(counts.read).toBeGreaterThan(counts.refused);
  });
});
