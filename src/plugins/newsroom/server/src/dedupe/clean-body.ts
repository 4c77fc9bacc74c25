import { normalisedTextHash, normaliseForMatch } from './normalise';
import { authorBoxEndingAt, authorBoxLines, authorBoxRoles } from '../page/author-box';
import { dateHeaderOf, imageSlotLines, isCategoryLine, type HeadLines } from '../page/head-of-page';
import { hasOnlyLinkMarkup, isRenderedTwin } from '../page/inline-markup';
import { lineKey } from '../page/normalise-text';
import {
  datelinePlace,
  isCutLatestHeader,
  isHtmlOnly,
  isLatestHeader,
  isListSeparator,
  isPlaceholder,
  relatedTitle,
  sponsorOf,
  type CategoryDate,
} from '../page/line-patterns';

/**
 * Strips site chrome from an article body, whatever route it came by: an editor pasting a whole
 * scrape into the admin, a REST or GraphQL create, an import. Pure: no Strapi, no I/O.
 *
 * The article's own text is never rewritten. A line is either kept byte-for-byte or removed whole,
 * with a reason, so a caller can show the editor exactly what went and why.
 *
 * What is removed:
 *
 *  - Everywhere before the rail: "RELATED CONTENT: <title>" links (their titles are returned in
 *    `related`), list separators ("-----"), widget placeholders ("Related stories will be right
 *    here ..."), lines that are only HTML markup, and lines known to be boilerplate (their normalisedTextHash
 *    is in `boilerplateKeys` and not in `keepKeys`).
 *  - The rail: a line reading exactly "The Latest" and everything after it; a cut-off header ("The
 *    La") only when it is the last non-blank line.
 *  - The head: at the top of the body, before the first line that is kept, the lines a pasted scrape
 *    puts above the article (see `headReason`): blank lines, copies of the title and the dek, the
 *    "CategoryMon DD, YYYY" date header, the category line above it, a "Sponsored by X" banner right
 *    above a title copy, a teaser of another story right above a title copy, and the image slot
 *    right under the title/dek copies (image file line and caption, or a columnist's author box).
 *    The image slot, the date header and its category line follow the page reader's rules
 *    (page/head-of-page.ts). The head ends at the first line none of these rules removes; below
 *    it, only a columnist's author box closing the body is judged by position (the page reader's
 *    rules, page/author-box.ts).
 *  - Below a line with link markup, the same line as the page rendered it.
 *
 * Every rule either needs no context or looks only at the lines after the one it judges (skipping
 * blank and context-free chrome lines), never at what was removed above it, except the image slot,
 * which only exists right under a title/dek copy. That is what makes cleaning idempotent: a line
 * kept once is judged by the same rules and the same neighbours the second time.
 */

export interface CleanBodyInput {
  /**
   * Body lines in reading order, one per paragraph or list item. A line holding line breaks (an
   * editor pasted several lines into one paragraph) is read as several lines (CRLF, CR and LF).
   */
  lines: readonly string[];
  title: string | null;
  dek: string | null;
  /** normalisedTextHash(line) of lines known to be boilerplate (they recur verbatim across many articles). */
  boilerplateKeys?: ReadonlySet<string>;
  /** normalisedTextHash(line) of lines an editor marked "not boilerplate": never removed as boilerplate. */
  keepKeys?: ReadonlySet<string>;
}

/**
 * Why a line was removed. Open-ended (`string`) so a new reason is not a breaking change.
 *
 *   latest-rail      "The Latest" (or a cut "The La" as the last line) and every line after it
 *   related-content  "RELATED CONTENT: <title>"
 *   lead-teaser      a teaser of another story right above a title copy, at the top
 *   site-banner      "Sponsored by X" right above a title copy, at the top
 *   category-header  the category line above the "CategoryMon DD, YYYY" header, at the top
 *   date-header      "CategoryMon DD, YYYY", at the top
 *   title-copy       a copy of the title, at the top
 *   dek-copy         a copy of the dek, at the top
 *   image, caption   the image file line and its caption right under the title/dek copies; in a
 *                    pasted category page, also a caption whose image file line the scrape lost
 *   headshot, bio-box  a columnist's author box: its alt text (a headshot, or "<Publication>
 *                    columnist <Name>") and bio, in that slot or closing the body
 *   rendered-twin    a line repeating, as the page rendered it, the line with link markup above it
 *   blank            a blank line at the top, or one entered as a line of its own
 *   placeholder, list-separator, html, boilerplate
 */
export type CleanReason =
  | 'latest-rail'
  | 'related-content'
  | 'lead-teaser'
  | 'site-banner'
  | 'category-header'
  | 'date-header'
  | 'title-copy'
  | 'dek-copy'
  | 'image'
  | 'caption'
  | 'headshot'
  | 'bio-box'
  | 'blank'
  | 'placeholder'
  | 'list-separator'
  | 'html'
  | 'boilerplate'
  | string;

export interface RemovedLine {
  /** The line exactly as it was entered (one piece of it when the entered line held line breaks). */
  line: string;
  reason: CleanReason;
}

export interface CleanBodyResult {
  /**
   * The kept lines, exactly as written. Entered lines holding line breaks appear as their pieces;
   * pieces that are empty or white space only are dropped silently (they are paragraph spacing,
   * not chrome, and are not listed in `removed`). Entered lines without line breaks are kept or
   * removed whole, including blank ones below the head.
   */
  lines: string[];
  /** Removed lines in input order. */
  removed: RemovedLine[];
  /** Titles from "RELATED CONTENT: <title>" lines, in order. */
  related: string[];
  /**
   * Whether `lines` differs from the input: something was removed, or a line holding line breaks
   * was split. False exactly when `lines` equals `input.lines`.
   */
  changed: boolean;
  /**
   * For each entered line, the pieces of it that were kept: `[line]` when it was kept whole, `[]`
   * when it was removed, and the kept pieces of a line that held line breaks. Lets a caller keep
   * the editor's own blocks (with their formatting) and drop only what was removed.
   */
  keptByLine: string[][];
}

interface Item {
  /** The line as entered (or one piece of it). */
  text: string;
  /** Whitespace-folded form the line patterns expect. */
  key: string;
  /** normaliseForMatch form, to compare with the title and dek. */
  norm: string;
  blank: boolean;
  /** A piece of an entered line that held line breaks. */
  fromSplit: boolean;
  /** Index of the entered line it came from. */
  source: number;
}

type Outcome = { kind: 'keep' } | { kind: 'drop' } | { kind: 'remove'; reason: CleanReason };

const KEEP: Outcome = { kind: 'keep' };
const DROP: Outcome = { kind: 'drop' };
const LINE_BREAK = /\r\n|\r|\n/;

export function cleanBodyLines(input: CleanBodyInput): CleanBodyResult {
  return new BodyCleaner(input).clean();
}

class BodyCleaner {
  private readonly items: Item[];
  private readonly itemKeys: string[];
  private readonly outcomes: Outcome[];
  private readonly titleNorm: string | null;
  private readonly dekNorm: string | null;
  private readonly boilerplate: ReadonlySet<string>;
  private readonly keep: ReadonlySet<string>;
  /** Where the rail starts (items.length when there is none). */
  private readonly railStart: number;
  /** The lines above the rail, for the head-of-page rules. */
  private readonly head: HeadLines;
  /** Context-free chrome reason per item before the rail, null for other lines. */
  private generic: (CleanReason | null)[] = [];
  /** Index of the next line after i that is neither blank nor context-free chrome, or -1. */
  private nextContentAt: number[] = [];

  constructor(private readonly input: CleanBodyInput) {
    this.items = flatten(input.lines);
    this.itemKeys = this.items.map((item) => item.key);
    this.outcomes = new Array<Outcome>(this.items.length).fill(KEEP);
    this.titleNorm = comparable(input.title);
    this.dekNorm = comparable(input.dek);
    this.boilerplate = input.boilerplateKeys ?? new Set();
    this.keep = input.keepKeys ?? new Set();
    this.railStart = this.findRail();
    this.head = {
      lines: this.items.map((item) => item.text),
      keys: this.itemKeys,
      end: this.railStart,
      standsAlone: (i) => this.generic[i] !== null || this.isTitleCopy(i) || this.isDekCopy(i),
      endsBio: (i) => this.generic[i] !== null,
    };
  }

  clean(): CleanBodyResult {
    for (let i = this.railStart; i < this.items.length; i += 1) {
      this.outcomes[i] = this.isSpacing(i) ? DROP : { kind: 'remove', reason: 'latest-rail' };
    }
    this.generic = this.items.slice(0, this.railStart).map((item) => (item.blank ? null : this.genericReason(item)));
    this.nextContentAt = new Array<number>(this.railStart);
    for (let i = this.railStart - 1, next = -1; i >= 0; i -= 1) {
      this.nextContentAt[i] = next;
      if (!this.items[i].blank && this.generic[i] === null) next = i;
    }

    const bodyStart = this.readHead();
    for (let i = bodyStart; i < this.railStart; i += 1) {
      if (this.items[i].blank) this.outcomes[i] = this.isSpacing(i) ? DROP : KEEP;
      else {
        const reason = this.generic[i];
        if (reason !== null) this.outcomes[i] = { kind: 'remove', reason };
      }
    }
    this.removeRenderedTwins(bodyStart);
    this.removeClosingAuthorBox(bodyStart);
    return this.result();
  }

  // ---- the rail ----------------------------------------------------------------------------------

  private findRail(): number {
    let lastNonBlank = -1;
    for (let i = 0; i < this.items.length; i += 1) {
      if (this.items[i].blank) continue;
      if (isLatestHeader(this.items[i].key)) return i;
      lastNonBlank = i;
    }
    if (lastNonBlank !== -1 && isCutLatestHeader(this.items[lastNonBlank].key)) return lastNonBlank;
    return this.items.length;
  }

  // ---- chrome that needs no context ------------------------------------------------------------

  private genericReason(item: Item): CleanReason | null {
    if (relatedTitle(item.text) !== null) return 'related-content';
    if (isListSeparator(item.key)) return 'list-separator';
    if (isPlaceholder(item.key)) return 'placeholder';
    if (isHtmlOnly(item.key)) return 'html';
    if (this.boilerplate.size > 0) {
      const key = normalisedTextHash(item.text);
      if (this.boilerplate.has(key) && !this.keep.has(key)) return 'boilerplate';
    }
    return null;
  }

  // ---- the head ----------------------------------------------------------------------------------

  /** Removes the head chrome; returns the index of the first kept line (where the body starts). */
  private readHead(): number {
    let previous: CleanReason | null = null;
    let categoryPage = false;
    let i = 0;
    while (i < this.railStart) {
      if (this.items[i].blank) {
        this.outcomes[i] = this.isSpacing(i) ? DROP : { kind: 'remove', reason: 'blank' };
        i += 1;
        continue;
      }
      const taken = this.headReason(i, previous, categoryPage);
      if (taken === null) return i;
      for (const [k, reason] of taken.entries()) this.outcomes[i + k] = { kind: 'remove', reason };
      previous = taken[taken.length - 1];
      if (taken[0] === 'date-header') categoryPage = true;
      i += taken.length;
    }
    return i;
  }

  /**
   * Why line i, at the top of the body, is chrome: the reasons for it and for any lines right after
   * it that go with it (an image's caption, a headshot's bio box), or null when it is body.
   * `previous` is the reason the last non-blank head line was removed for; `categoryPage` is set
   * once a date header has been removed.
   */
  private headReason(i: number, previous: CleanReason | null, categoryPage: boolean): CleanReason[] | null {
    const item = this.items[i];
    if (this.isTitleCopy(i)) return ['title-copy'];
    // A banner reads like a sponsored article's dek, so it is told apart by standing above the title.
    if (sponsorOf(item.text) !== null && this.isTitleCopy(this.nextContentAt[i])) return ['site-banner'];
    if (this.isDekCopy(i)) return ['dek-copy'];
    if (previous === 'title-copy' || previous === 'dek-copy') {
      const slot = this.imageSlot(i, categoryPage);
      if (slot !== null) return slot;
    }
    const generic = this.generic[i];
    if (generic !== null) return [generic];
    if (this.isDateHeader(i)) return ['date-header'];
    if (this.isCategoryHeader(i)) return ['category-header'];
    if (this.isLeadTeaser(i)) return ['lead-teaser'];
    return null;
  }

  /**
   * Where the page puts the article image, right under the title/dek copies (see head-of-page.ts).
   * To an editor a caption is a caption, whether or not the scrape kept its image file line.
   */
  private imageSlot(i: number, categoryPage: boolean): CleanReason[] | null {
    const slot = imageSlotLines(this.head, i, categoryPage);
    return slot.length === 0 ? null : slot.map((line) => (line === 'no-image-file' ? 'caption' : line));
  }

  /**
   * A scrape puts a line with link markup, then the same line as the page rendered it: the second
   * is the same paragraph (the first becomes it, with its links, when stored), so it goes.
   */
  private removeRenderedTwins(bodyStart: number): void {
    for (let i = bodyStart; i < this.railStart; i += 1) {
      const item = this.items[i];
      if (item.blank || this.outcomes[i].kind !== 'keep' || !hasOnlyLinkMarkup(item.key)) continue;
      let twin = i + 1;
      while (twin < this.railStart && this.items[twin].blank) twin += 1;
      if (twin < this.railStart && this.outcomes[twin].kind === 'keep' && isRenderedTwin(item.text, this.items[twin].key)) {
        this.outcomes[twin] = { kind: 'remove', reason: 'rendered-twin' };
      }
    }
  }

  /** The reasons for an author box's lines from i (its caption, then its bio), or none. */
  private authorBoxAt(i: number, end: number): CleanReason[] {
    return authorBoxRoles(this.itemKeys, i, authorBoxLines(this.itemKeys, i, end));
  }

  /**
   * A column pasted whole may close with its author box: the last kept lines, when none was
   * removed at the head, go as the page reader takes them.
   */
  private removeClosingAuthorBox(bodyStart: number): void {
    if (this.outcomes.some((outcome) => outcome.kind === 'remove' && (outcome.reason === 'headshot' || outcome.reason === 'bio-box'))) return;
    const kept: number[] = [];
    for (let i = bodyStart; i < this.railStart; i += 1) if (this.outcomes[i].kind === 'keep' && !this.items[i].blank) kept.push(i);
    if (kept.length < 2) return;
    const last = kept[kept.length - 1];
    const start = authorBoxEndingAt(this.itemKeys, last, kept[0] + 1);
    if (start === -1 || !kept.includes(start)) return;
    for (let i = start; i <= last; i += 1) if (this.items[i].blank || this.outcomes[i].kind !== 'keep') return;
    this.authorBoxAt(start, last + 1).forEach((reason, k) => (this.outcomes[start + k] = { kind: 'remove', reason }));
  }

  /** "BusinessMar 14, 2024" (category glued to the month), or any date line right above a title copy. */
  private dateHeaderAt(i: number): CategoryDate | null {
    if (i < 0) return null;
    return dateHeaderOf(this.items[i].text, this.items[i].key, () => this.isTitleCopy(this.nextContentAt[i]));
  }

  private isDateHeader(i: number): boolean {
    return this.dateHeaderAt(i) !== null;
  }

  /** "Business" when one of the next two content lines is the "BusinessMar 14, 2024" header. */
  private isCategoryHeader(i: number): boolean {
    for (let j = this.nextContentAt[i], k = 0; j !== -1 && k < 2; j = this.nextContentAt[j], k += 1) {
      const header = this.dateHeaderAt(j);
      if (header !== null) return isCategoryLine(this.items[i].norm, header, normaliseForMatch);
    }
    return false;
  }

  /**
   * A teaser of another story, which a pasted rail-shape page carries above the title. A first
   * paragraph never has the title under it, so a line is taken as a teaser only when the next
   * content line is a copy of the title and, when the article has a dek, the content line after
   * that copy is a copy of the dek (or a category page's date header). A line opening with a
   * dateline is the article's own opening and never a teaser. Anything short of that is kept.
   */
  private isLeadTeaser(i: number): boolean {
    if (this.opensWithDateline(i)) return false;
    const title = this.nextContentAt[i];
    if (!this.isTitleCopy(title)) return false;
    if (this.dekNorm === null) return true;
    const after = this.nextContentAt[title];
    return this.isDekCopy(after) || this.isDateHeader(after);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private isTitleCopy(i: number): boolean {
    return i >= 0 && this.titleNorm !== null && this.items[i].norm === this.titleNorm;
  }

  private isDekCopy(i: number): boolean {
    return i >= 0 && this.dekNorm !== null && this.items[i].norm === this.dekNorm;
  }

  private opensWithDateline(i: number): boolean {
    return datelinePlace(this.items[i].text) !== null;
  }

  /** A blank piece of an entered line that held line breaks: spacing, dropped without a trace. */
  private isSpacing(i: number): boolean {
    return this.items[i].blank && this.items[i].fromSplit;
  }

  private result(): CleanBodyResult {
    const lines: string[] = [];
    const removed: RemovedLine[] = [];
    const related: string[] = [];
    const keptByLine: string[][] = this.input.lines.map(() => []);
    this.items.forEach((item, i) => {
      const outcome = this.outcomes[i];
      if (outcome.kind === 'keep') {
        lines.push(item.text);
        keptByLine[item.source].push(item.text);
      } else if (outcome.kind === 'remove') {
        removed.push({ line: item.text, reason: outcome.reason });
        if (outcome.reason === 'related-content') {
          const title = relatedTitle(item.text);
          if (title) related.push(title);
        }
      }
    });
    const input = this.input.lines;
    const changed = lines.length !== input.length || lines.some((line, i) => line !== input[i]);
    return { lines, removed, related, changed, keptByLine };
  }
}

/** One item per entered line, or per piece of an entered line that holds line breaks. */
function flatten(lines: readonly string[]): Item[] {
  const items: Item[] = [];
  lines.forEach((line, source) => {
    const text = typeof line === 'string' ? line : String(line ?? '');
    const fromSplit = LINE_BREAK.test(text);
    for (const piece of fromSplit ? text.split(LINE_BREAK) : [text]) {
      const key = lineKey(piece);
      items.push({ text: piece, key, norm: normaliseForMatch(piece), blank: key === '', fromSplit, source });
    }
  });
  return items;
}

/** The title or dek in comparable form; null when there is none to compare with. */
function comparable(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const norm = normaliseForMatch(text);
  return norm === '' ? null : norm;
}
