import { HTML_TAG } from './line-patterns';
import { lineKey } from './normalise-text';

/** A run of a line's text: plain, or a link's text with its http(s) URL. */
export interface InlinePiece {
  text: string;
  url?: string;
}

const TAG = new RegExp(HTML_TAG.source, 'g');
const LINK_OPEN = /^<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^>]*>$/i;
const LINK_CLOSE = /^<\/a\s*>$/i;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&nbsp;': ' ', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&lt;': '<', '&gt;': '>' };
const ENTITY = /&(?:amp|nbsp|quot|#39|apos|lt|gt);/g;

const decode = (text: string) => text.replace(ENTITY, (entity) => ENTITIES[entity]);
const httpUrl = (url: string): string | null => (/^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null);

/**
 * A scraped line's text with its markup read, as a reader sees it: `<a href="https://…">here</a>`
 * is a link run (only http(s) URLs stay links), any other tag goes and its text stays.
 */
export function readInlineMarkup(line: string): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  let url: string | null = null;
  let at = 0;
  const push = (raw: string) => {
    const text = decode(raw);
    if (text === '') return;
    const last = pieces[pieces.length - 1];
    if (last && last.url === (url ?? undefined)) last.text += text;
    else pieces.push(url ? { text, url } : { text });
  };
  for (const match of line.matchAll(TAG)) {
    push(line.slice(at, match.index));
    at = match.index + match[0].length;
    const open = LINK_OPEN.exec(match[0]);
    if (open) url = httpUrl(decode(open[1] ?? open[2] ?? open[3] ?? ''));
    else if (LINK_CLOSE.test(match[0])) url = null;
  }
  push(line.slice(at));
  return pieces;
}

/** The text a reader sees of a line with markup: what its rendered twin on the next line says. */
export function markupText(line: string): string {
  return readInlineMarkup(line)
    .map((piece) => piece.text)
    .join('');
}

/** Whether `key` (a whitespace-folded line) is the line with link markup as the page rendered it. */
export function isRenderedTwin(markupLine: string, key: string): boolean {
  return key === lineKey(markupText(markupLine));
}

/** Whether every tag in a line opens or closes a link: the line is text with links in it. */
export function hasOnlyLinkMarkup(line: string): boolean {
  const tags = [...line.matchAll(TAG)].map((match) => match[0]);
  return tags.length > 0 && tags.every((tag) => LINK_OPEN.test(tag) || LINK_CLOSE.test(tag));
}
