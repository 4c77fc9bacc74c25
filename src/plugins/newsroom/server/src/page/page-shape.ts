import type { PageShape } from './types';
import { dateHeaderOf, isCategoryLine } from './head-of-page';
import {
  datelinePlace,
  endsSentence,
  isHeadlineCase,
  isHtmlOnly,
  isPlaceholder,
  sponsorOf,
  type CategoryDate,
} from './line-patterns';
import { lineKey } from './normalise-text';

/**
 * Deciding which of the site's page layouts a scrape has, from its first few lines.
 *
 *   rail           teaser of another story / title / dek / body ... "The Latest" / cards
 *   sponsor-first  "Sponsored by X" banner / title / dek / body ...
 *   title-first    title / dek / body ...
 *   category       [Category] / title copy / "CategoryMon DD, YYYY" / title / dek / image / caption / body
 *
 * The hard call is rail against title-first: both open with two non-blank lines. A teaser is a
 * sentence (it ends in punctuation and is not in headline case), a title is a headline (no final
 * period, most words capitalised); the line after a title is the dek, a sentence.
 */

export interface ShapeGuess {
  shape: PageShape;
  /** Index of the line the layout starts at (teaser, banner, title, or first category line). */
  start: number;
  /** Category shape only: index of the "CategoryMon DD, YYYY" line. */
  dateLine: number;
  /** Leading lines before `start` that are markup or placeholders, not content. */
  leadingJunk: number[];
}

/** How many non-blank lines from the top may precede the category date header. */
const DATE_HEADER_WINDOW = 3;

/** A line longer than this without final punctuation is not a headline but unshaped text. */
const MAX_TITLE_CHARS = 250;

export function guessShape(lines: readonly string[], keys: readonly string[]): ShapeGuess {
  const nextNonBlank = (from: number): number => {
    for (let i = from; i < keys.length; i += 1) if (keys[i] !== '') return i;
    return -1;
  };
  const isBlankAt = (i: number): boolean => i >= keys.length || keys[i] === '';

  // Stray markup or a placeholder above the page proper does not decide the layout.
  const leadingJunk: number[] = [];
  let start = nextNonBlank(0);
  while (start !== -1 && (isHtmlOnly(keys[start]) || isPlaceholder(keys[start]))) {
    leadingJunk.push(start);
    start = nextNonBlank(start + 1);
  }
  const guess = (shape: PageShape, dateLine = -1): ShapeGuess => ({ shape, start, dateLine, leadingJunk });
  if (start === -1) return guess('other');

  const dateLine = findDateHeader(lines, keys, start, nextNonBlank);
  if (dateLine !== -1) return guess('category', dateLine);

  const first = keys[start];
  if (sponsorOf(lines[start]) !== null && !isBlankAt(start + 1)) return guess('sponsor-first');
  if (datelinePlace(lines[start]) !== null) return guess('other');

  const second = isBlankAt(start + 1) ? null : keys[start + 1];
  if (!endsSentence(first)) {
    // A teaser that lost its final punctuation still reads as a sentence, and the headline
    // then follows it, with the dek after that.
    const teaserWithoutStop =
      second !== null &&
      !endsSentence(second) &&
      sponsorOf(lines[start + 1]) === null &&
      !isHeadlineCase(first) &&
      isHeadlineCase(second) &&
      !isBlankAt(start + 2);
    if (teaserWithoutStop) return guess('rail');
    return guess(first.length > MAX_TITLE_CHARS ? 'other' : 'title-first');
  }
  if (second === null) return guess('other');
  if (!endsSentence(second)) return guess('rail');
  // Both end like sentences: a headline ending in "?" or "Co." above its dek, or a teaser above
  // a title ending in "?". Headline case tells them apart.
  if (isHeadlineCase(first) && !isHeadlineCase(second)) return guess('title-first');
  return guess('rail');
}

/**
 * The "CategoryMon DD, YYYY" header within the first few non-blank lines. A date there counts only
 * when it looks like the site's header: the category glued to the month, or a category / title
 * copy around it that the page repeats.
 */
function findDateHeader(
  lines: readonly string[],
  keys: readonly string[],
  start: number,
  nextNonBlank: (from: number) => number,
): number {
  const seen: number[] = [];
  for (let i = start, k = 0; i !== -1 && k < DATE_HEADER_WINDOW; k += 1) {
    const after = nextNonBlank(i + 1);
    const repeated = (header: CategoryDate) =>
      seen.some((j) => isCategoryLine(keys[j], header, lineKey) || keys[j] === keys[after]);
    if (after !== -1 && dateHeaderOf(lines[i], keys[i], repeated) !== null) return i;
    seen.push(i);
    i = after;
  }
  return -1;
}
