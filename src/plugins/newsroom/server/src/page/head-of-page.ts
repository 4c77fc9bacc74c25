import { authorBoxLines, authorBoxRoles, type AuthorBoxLine } from './author-box';
import { categoryDate, datelinePlace, isHeadshot, isImageFile, type CategoryDate } from './line-patterns';

/**
 * The rules for the top of a scraped page, above the article's body: the image slot under the
 * title and dek, and the category date header with its category line. The page reader reads a
 * whole page with them and the body cleaner removes what a pasted scrape carries of that head, so
 * both take the same lines. Where the head's parts start is the caller's to find (the reader knows
 * the page's shape, the cleaner looks for copies of the title it was given); what a caller knows
 * of a line beyond its text comes in HeadLines.
 */

/**
 * What a line of the image slot is: the image file line, its caption, a caption whose image file
 * line the scrape lost ('no-image-file'), or a columnist's author box (see author-box.ts).
 */
export type ImageSlotLine = 'image' | 'caption' | 'no-image-file' | AuthorBoxLine;

/** A columnist's bio box under a headshot is a sentence or two. */
const MAX_BIO_LINES = 2;

export interface HeadLines {
  /** The lines as written: a dateline is read from them. */
  readonly lines: readonly string[];
  /** Their match keys (normalise-text.ts). */
  readonly keys: readonly string[];
  /** The first line past where the head may reach: the rail's header, or the end of the page. */
  readonly end: number;
  /** Whether line i is chrome of its own or a copy of the title or dek, so never a caption. */
  standsAlone(i: number): boolean;
  /** Whether line i ends a bio box before its blank line or dateline; without it, only those do. */
  endsBio?(i: number): boolean;
}

/**
 * The image slot's lines from line `at`, right under the title and dek: an image file line with
 * its caption; a columnist's headshot alt text, on category pages with the bio box right under it;
 * an author box; or, on category pages, a caption whose image file line the scrape did not keep
 * (it runs straight into the dateline paragraph). Empty when the slot holds none of these.
 */
export function imageSlotLines(head: HeadLines, at: number, onCategoryPage: boolean): ImageSlotLine[] {
  if (at >= head.end || head.keys[at] === '') return [];
  const key = head.keys[at];
  if (isImageFile(key)) return imageLines(head, at);
  if (isHeadshot(key) && onCategoryPage) return ['headshot', ...bioBoxLines(head, at + 1)];
  const box = authorBoxLines(head.keys, at, head.end);
  if (box > 0) return authorBoxRoles(head.keys, at, box);
  const captionWithoutImage =
    onCategoryPage && !head.standsAlone(at) && !opensWithDateline(head, at) && at + 1 < head.end && opensWithDateline(head, at + 1);
  return captionWithoutImage ? ['no-image-file'] : [];
}

/** The image file line at `at` and, on the very next line, its caption unless that line is body or chrome. */
export function imageLines(head: HeadLines, at: number): ImageSlotLine[] {
  const next = at + 1;
  const hasCaption =
    next < head.end &&
    head.keys[next] !== '' &&
    !opensWithDateline(head, next) &&
    !head.standsAlone(next) &&
    !isImageFile(head.keys[next]);
  return hasCaption ? ['image', 'caption'] : ['image'];
}

/**
 * The bio box from `from`, right under a headshot: a blank line or the dateline ends it, and it is
 * short, so a page without blank lines cannot lose its body to it.
 */
function bioBoxLines(head: HeadLines, from: number): 'bio-box'[] {
  const lines: 'bio-box'[] = [];
  const end = Math.min(head.end, from + MAX_BIO_LINES);
  for (let i = from; i < end; i += 1) {
    if (head.keys[i] === '' || opensWithDateline(head, i) || head.endsBio?.(i)) break;
    lines.push('bio-box');
  }
  return lines;
}

function opensWithDateline(head: HeadLines, i: number): boolean {
  return datelinePlace(head.lines[i]) !== null;
}

/**
 * The site's "CategoryMon DD, YYYY" header: a date line with its category run into the month, or
 * one the lines around it show to be the header (`confirmed`); null for any other line.
 */
export function dateHeaderOf(raw: string, key: string, confirmed: (header: CategoryDate) => boolean): CategoryDate | null {
  const header = categoryDate(raw, key);
  return header !== null && (header.glued || confirmed(header)) ? header : null;
}

/**
 * Whether a line above a date header is its category line ("Business" over "BusinessMar 14, 2024").
 * `form` is the line in the caller's comparison form and `formOf` gives that form of a text.
 */
export function isCategoryLine(form: string, header: CategoryDate, formOf: (text: string) => string): boolean {
  return header.category !== null && form === formOf(header.category);
}
