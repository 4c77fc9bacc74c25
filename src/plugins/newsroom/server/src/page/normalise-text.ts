import { MAX_PAGE_BYTES, PageError } from './page-error';

/**
 * Input decoding and the text forms the reader works with.
 *
 * Two forms of every line exist: the *original* line, which is what the reader returns (body,
 * title, rail cards keep the page's own typography, NBSPs and trailing spaces included), and its
 * *match key*, used only to decide what the line is. Keeping them apart is what lets a CRLF, BOM or
 * NBSP variant of a page be classified exactly like the clean page without altering its text.
 */

const BOM = '\uFEFF';

// `fatal` turns malformed bytes into an error instead of silently inserting U+FFFD, so a page
// that was saved in another encoding is refused rather than stored garbled. `ignoreBOM` keeps the
// BOM in the decoded string so string and byte inputs go through the same BOM handling below.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Turns the caller's input into text: size cap, strict UTF-8, one leading BOM removed. */
export function decodePage(input: string | Uint8Array): string {
  let text: string;
  // Callers from plain JS (the CLI reading stdin, a JSON body without "text") can pass nothing.
  if (input === null || input === undefined) throw new PageError('empty', 'not a page: no input (empty)');
  if (typeof input === 'string') {
    if (utf8ByteLength(input) > MAX_PAGE_BYTES) throw tooLarge();
    text = input;
  } else {
    if (input.byteLength > MAX_PAGE_BYTES) throw tooLarge();
    try {
      text = utf8.decode(input);
    } catch {
      throw new PageError('invalid-utf8', 'not a page: the bytes are not valid UTF-8 text');
    }
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function tooLarge(): PageError {
  return new PageError('too-large', `not a page: input is too large (over ${MAX_PAGE_BYTES} bytes)`);
}

/** UTF-8 size of a JS string without allocating the encoded copy. */
function utf8ByteLength(text: string): number {
  // Every UTF-16 unit is at least one byte and at most three, so most inputs are settled here.
  if (text.length > MAX_PAGE_BYTES) return text.length;
  if (text.length * 3 <= MAX_PAGE_BYTES) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export interface SplitText {
  /** Lines without their terminators. */
  lines: string[];
  /** Whether the text ended with a line terminator (a scrape cut by the size cap does not). */
  endsWithNewline: boolean;
}

/**
 * Splits on CRLF, lone CR and LF alike. A final terminator ends the last line rather than opening
 * an empty one, so "a\nb\n" and "a\nb" both have two lines.
 */
/** The number of lines splitLines would give, counted without splitting. */
export function countLines(text: string): number {
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  const endsWithNewline = text.endsWith('\n') || text.endsWith('\r');
  return endsWithNewline ? breaks : breaks + 1;
}

export function splitLines(text: string): SplitText {
  const lines = text.split(/\r\n|\r|\n/);
  const endsWithNewline = text.endsWith('\n') || text.endsWith('\r');
  if (endsWithNewline) lines.pop();
  return { lines, endsWithNewline };
}

/**
 * The form a line is compared in: NFKC (so compatibility characters compare as their plain
 * forms), every kind of whitespace including NBSP as one space, no leading or trailing space.
 */
export function lineKey(line: string): string {
  return line.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * For values cut out of a line (a sponsor, category or place name): whitespace runs, NBSPs included,
 * become one space, but letters and typography stay as the page wrote them.
 */
export function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
