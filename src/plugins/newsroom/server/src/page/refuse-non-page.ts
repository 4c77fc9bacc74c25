import { PageError } from './page-error';
import { HTML_TAG } from './line-patterns';

/**
 * Refuses decoded text that is not a scraped page at all: nothing in it, binary data, or an HTML
 * document. These are upload mistakes, and reading them "as well as possible" would store junk
 * articles; a stray HTML line inside a real page is not refused (the reader marks it chrome).
 */
export function refuseNonPage(text: string): void {
  if (text.length === 0) throw new PageError('empty', 'not a page: the input is empty');
  if (text.trim().length === 0) {
    throw new PageError('empty', 'not a page: the input is empty (whitespace only)');
  }
  if (looksBinary(text)) {
    throw new PageError('binary', 'not a page: the input looks binary (NUL bytes or mostly control characters)');
  }
  if (looksLikeHtmlDocument(text)) {
    throw new PageError('html', 'not a page: the input is an HTML document, not a plain-text scrape');
  }
}

/** Share of control characters above which text is taken as binary that happens to decode. */
const MAX_CONTROL_SHARE = 0.1;

function looksBinary(text: string): boolean {
  if (text.indexOf('\u0000') !== -1) return true;
  let controls = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    // Tab, LF, VT, FF and CR are ordinary in text; the rest of C0, DEL and C1 are not.
    const isControl = (c < 0x20 && (c < 0x09 || c > 0x0d)) || (c >= 0x7f && c <= 0x9f);
    if (isControl) controls += 1;
  }
  return controls > text.length * MAX_CONTROL_SHARE;
}

/** Share of non-space characters inside tags above which text is markup rather than a page. */
const MAX_TAG_SHARE = 0.5;

function looksLikeHtmlDocument(text: string): boolean {
  const head = text.trimStart().slice(0, 64).toLowerCase();
  if (head.startsWith('<!doctype html') || /^<html[\s>]/.test(head)) return true;

  let tagChars = 0;
  let tags = 0;
  const tagPattern = new RegExp(HTML_TAG.source, 'g');
  for (let m = tagPattern.exec(text); m !== null; m = tagPattern.exec(text)) {
    tags += 1;
    tagChars += m[0].replace(/\s+/g, '').length;
  }
  if (tags < 2) return false;
  const nonSpace = text.replace(/\s+/g, '').length;
  return tagChars > nonSpace * MAX_TAG_SHARE;
}
