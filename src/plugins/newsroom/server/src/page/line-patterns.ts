import { tidy } from './normalise-text';

/**
 * What single lines of a scrape look like. Functions taking `key` expect a match key (see
 * normalise-text.ts); functions taking `raw` cut a value out of the original line and tolerate
 * NBSPs and odd spacing through `\s`.
 *
 * Every pattern is anchored or bounded so a 2 MB line without a newline costs linear time.
 */

/** One HTML tag or comment opener; bounded and `<`-free inside so scanning stays linear. */
export const HTML_TAG = /<\/?[A-Za-z!][^<>]{0,500}>/;
const HTML_TAG_G = new RegExp(HTML_TAG.source, 'g');
const HTML_ENTITY_G = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,10});/gi;

export function hasHtmlTag(key: string): boolean {
  return HTML_TAG.test(key);
}

/** A line made of tags and entities only ("<div class=ad></div>", "<p>&nbsp;</p>"): pure markup. */
export function isHtmlOnly(key: string): boolean {
  if (!hasHtmlTag(key)) return false;
  return key.replace(HTML_TAG_G, '').replace(HTML_ENTITY_G, '').trim() === '';
}

const LATEST_HEADER = 'the latest';

export function isLatestHeader(key: string): boolean {
  return key.toLowerCase() === LATEST_HEADER;
}

/**
 * "The La": the rail header cut by the scrape cap. Only meaningful on a page's last line; a short
 * prefix like "The" is too common in body text to call it a header.
 */
export function isCutLatestHeader(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.length >= 5 && lower.length < LATEST_HEADER.length && LATEST_HEADER.startsWith(lower);
}

const RELATED = /^\s*RELATED\s+CONTENT\s*:\s*(.*?)\s*$/i;

/** The linked title of a "RELATED CONTENT: <title>" line, or null when the line is not one. */
export function relatedTitle(raw: string): string | null {
  const m = RELATED.exec(raw);
  return m ? tidy(m[1]) : null;
}

/** "-----", "* * *", "———": separators between list entries. */
export function isListSeparator(key: string): boolean {
  return /^(?:[-–—_=*~•·]\s?){3,}$/.test(key);
}

const PLACEHOLDERS: readonly RegExp[] = [
  /^related stories will be right here\b/i,
  /^(?:advertisement|loading\s?(?:\.\.\.|…))$/i,
];

/** Template text the site shows where a widget has not loaded yet. */
export function isPlaceholder(key: string): boolean {
  return PLACEHOLDERS.some((p) => p.test(key));
}

// The name is bounded so that a sentence merely starting with "Sponsored by" is not a label.
const SPONSOR_LABEL = /^\s*(?:Supplier\s+Spotlight\s+)?Sponsored\s+by:?\s+(\S.{0,100}?)\s*$/i;

/** X in "Sponsored by X" / "Supplier Spotlight Sponsored by X", else null. */
export function sponsorOf(raw: string): string | null {
  const m = SPONSOR_LABEL.exec(raw);
  return m ? tidy(m[1]) : null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

// Longer month names first so "June 3" is not read as "Jun" + "e 3". The category is glued to the
// month ("BusinessMar 14, 2024"), so the lazy prefix stops at the first month that parses.
const CATEGORY_DATE =
  /^\s*(.{0,60}?)(January|February|March|April|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?\s+(\d{1,2}),\s*(\d{4})\s*$/;

export interface CategoryDate {
  /** The category before the date; null when the line is a bare date. */
  category: string | null;
  /** YYYY-MM-DD, or null when the page shows an impossible date. */
  isoDate: string | null;
  /**
   * The category runs straight into the month with no space ("BusinessMar"), as the site's
   * header does; a sentence ending in a date never looks like that.
   */
  glued: boolean;
}

/** "BusinessMar 14, 2024" → { category: "Business", isoDate: "2024-03-14", glued: true }. */
export function categoryDate(raw: string, key: string): CategoryDate | null {
  if (key.length > 100) return null;
  const m = CATEGORY_DATE.exec(raw) ?? CATEGORY_DATE.exec(key);
  if (!m) return null;
  const category = tidy(m[1]);
  if (/[.!?,;:]$/.test(category)) return null;
  return {
    category: category === '' ? null : category,
    isoDate: isoDate(+m[4], MONTHS[m[2].toLowerCase()], +m[3]),
    glued: category !== '' && !/\s$/.test(m[1]),
  };
}

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// A place is a few capitalised words ("New York", "St. Louis", "Rio de Janeiro"), optionally a
// comma and a region ("Antwerp, Belgium", "Savannah, Ga.", "Providence, R.I."), glued to an em dash or
// a double hyphen. Lower-case words other than name particles end the match, which is what keeps
// "Buyers who walk the floor early—" from being read as a dateline.
// A hyphen inside a word is allowed ("Wilkes-Barre"), a double hyphen is the dateline's dash.
const PLACE_WORD = "\\p{Lu}(?:[\\p{L}\\p{M}.'’]|-(?!-))*";
const PARTICLE = '(?:de|da|del|des|do|du|la|le|van|von|am|an|upon|on|sur)';
const PLACE_NAME = `${PLACE_WORD}(?:\\s(?:${PARTICLE}\\s)?${PLACE_WORD}){0,3}`;
const DATELINE = new RegExp(`^\\s*(${PLACE_NAME}(?:,\\s${PLACE_NAME})?)\\s?(?:—|--)`, 'u');

/** "Savannah, Ga.—The guild ..." → "Savannah, Ga."; null when the line does not open with a dateline. */
export function datelinePlace(raw: string): string | null {
  const m = DATELINE.exec(raw);
  return m ? tidy(m[1]) : null;
}

const IMAGE_FILE = /^[^\s<>|?*"][^<>|?*"]{0,150}\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|svg|heic)$/i;

/** "20240314_Halvorsen Antwerp lab exterior.jpg": the image file name the scrape keeps in place of an image. */
export function isImageFile(key: string): boolean {
  return IMAGE_FILE.test(key) && key.split(' ').length <= 15;
}

/**
 * A columnist's headshot alt text, which the site shows where an article image would sit. The alt
 * text is short: a long line that mentions a head shot is prose.
 */
export function isHeadshot(key: string): boolean {
  return key.length <= 200 && /\bhead\s?shots?\b/i.test(key);
}

/**
 * Whether a line ends like a finished sentence: . ! ? or … , possibly inside closing quotes or
 * brackets ("... “perfect pairs.”"). Teasers and body lines do; headlines and cut lines do not.
 */
export function endsSentence(key: string): boolean {
  const tail = key.slice(-12).replace(/["'”’»)\]]+$/, '');
  return /[.!?…]$/.test(tail);
}

const MINOR_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'is', 'its', 'nor', 'of', 'on',
  'or', 'over', 'per', 'the', 'to', 'up', 'via', 'vs', 'with', 'amid', 'than', 'out', 'off',
]);

/**
 * Headline case ("Halvorsen Gem Labs Opens Grading Center in Antwerp"): most words other than minor ones
 * start with a capital. Sentences (teasers, deks) do not, which is how a title is told from a teaser
 * when both end in punctuation.
 */
export function isHeadlineCase(key: string): boolean {
  let significant = 0;
  let capitalised = 0;
  for (const token of key.split(' ')) {
    const word = token.replace(/^[^\p{L}\p{N}]+/u, '');
    if (word === '' || /^\p{N}/u.test(word)) continue;
    if (MINOR_WORDS.has(word.toLowerCase().replace(/[^\p{L}]+$/u, ''))) continue;
    significant += 1;
    if (/^\p{Lu}/u.test(word)) capitalised += 1;
  }
  return significant >= 2 && capitalised >= significant * 0.75;
}
