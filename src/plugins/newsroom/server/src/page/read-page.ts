import type { LedgerEntry, LineRole, PageImage, PageShape, ParsedPage, RailCard } from './types';
import { countLines, decodePage, lineKey, splitLines } from './normalise-text';
import { DEFAULT_MAX_PAGE_LINES, PageError } from './page-error';
import { refuseNonPage } from './refuse-non-page';
import { guessShape } from './page-shape';
import { hasOnlyLinkMarkup, isRenderedTwin } from './inline-markup';
import { authorBoxEndingAt, authorBoxOf, authorBoxRoles, isAuthorCaption, type AuthorBox } from './author-box';
import { imageLines, imageSlotLines, isCategoryLine, type HeadLines, type ImageSlotLine } from './head-of-page';
import {
  categoryDate,
  datelinePlace,
  endsSentence,
  hasHtmlTag,
  isCutLatestHeader,
  isHtmlOnly,
  isImageFile,
  isLatestHeader,
  isListSeparator,
  isPlaceholder,
  relatedTitle,
  sponsorOf,
} from './line-patterns';

/**
 * Reads one scraped page: which line is the title, the dek, the body, the rail, and which lines
 * are site chrome. Throws PageError only for input that is not a page (see refuse-non-page.ts);
 * anything else is read as well as possible, with warnings, and every input line appears in the
 * ledger exactly once, so nothing the page said is lost without a trace.
 */
export function readPage(input: string | Uint8Array, options: ReadPageOptions = {}): ParsedPage {
  const text = decodePage(input);
  refuseNonPage(text);
  const maxLines = options.maxLines ?? DEFAULT_MAX_PAGE_LINES;
  const lineCount = countLines(text);
  if (lineCount > maxLines) {
    throw new PageError('too-many-lines', `not a page: ${lineCount} lines, more than the limit of ${maxLines} (PAGE_LINE_LIMIT)`);
  }
  const { lines, endsWithNewline } = splitLines(text);
  const page = new PageReader(lines, endsWithNewline).read();
  // A page whose headline is a tag (`<div><h1>…`) is an HTML fragment, not a scrape: storing it makes a junk article.
  if (page.title !== null && hasHtmlTag(page.title)) {
    throw new PageError('html', 'not a page: its title line is HTML markup, not text (send the plain-text scrape)');
  }
  return page;
}

export interface ReadPageOptions {
  /** Most lines a page may have (real pages have under 200). */
  maxLines?: number;
}


interface Placement {
  role: LineRole;
  reason?: string;
}

class PageReader {
  private readonly keys: string[];
  private readonly head: HeadLines;
  private readonly placed: (Placement | undefined)[];
  private readonly warnings: string[] = [];

  private shape: PageShape = 'other';
  private titleLine = -1;
  private dekLine = -1;
  private sponsor: string | null = null;
  private category: string | null = null;
  private publishedOn: string | null = null;
  private image: PageImage | null = null;
  /** The author box's lines: the headshot's alt text first, then its bio. */
  private readonly authorLines: number[] = [];
  private leadTeaser: string | null = null;
  private readonly related: string[] = [];
  private readonly rail: RailCard[] = [];
  private cutLatestHeader = false;
  /** The line of the last rail card read. */
  private lastRailLine = -1;

  constructor(
    private readonly lines: readonly string[],
    private readonly endsWithNewline: boolean,
  ) {
    this.keys = lines.map(lineKey);
    this.head = { lines, keys: this.keys, end: lines.length, standsAlone: (i) => this.isSpecialLine(i) };
    this.placed = new Array<Placement | undefined>(lines.length);
  }

  read(): ParsedPage {
    const guess = guessShape(this.lines, this.keys);
    this.shape = guess.shape;
    for (const i of guess.leadingJunk) this.chrome(i, isHtmlOnly(this.keys[i]) ? 'html' : 'placeholder');

    let bodyStart: number;
    switch (guess.shape) {
      case 'category':
        bodyStart = this.readCategoryHead(guess.start, guess.dateLine);
        break;
      case 'rail':
        this.leadTeaser = this.lines[guess.start];
        this.chrome(guess.start, 'lead-teaser');
        bodyStart = this.readTitleAndDek(guess.start + 1);
        break;
      case 'sponsor-first':
        this.chrome(guess.start, 'site-banner');
        bodyStart = this.readTitleAndDek(guess.start + 1);
        break;
      case 'title-first':
        bodyStart = this.readTitleAndDek(guess.start);
        break;
      default:
        bodyStart = 0;
    }
    this.readBody(bodyStart);
    this.readClosingAuthorBox();
    return this.result();
  }

  // ---- the head of the page -------------------------------------------------------------------

  /** Title at `at`, then the dek on the very next line when there is one; returns where body starts. */
  private readTitleAndDek(at: number): number {
    if (at >= this.lines.length || this.keys[at] === '') return at;
    this.titleLine = at;
    this.place(at, 'title');
    const dek = at + 1;
    if (dek < this.lines.length && this.isDekCandidate(dek)) {
      this.takeDek(dek);
      return this.readImageSlot(dek + 1, false);
    }
    return this.readImageSlot(at + 1, false);
  }

  /**
   * Category shape: optional category line and title copy, the "CategoryMon DD, YYYY" line, the
   * title again (this copy is the title), the dek, then the image slot.
   */
  private readCategoryHead(start: number, dateLine: number): number {
    const header = categoryDate(this.lines[dateLine], this.keys[dateLine]);
    this.category = header?.category ?? null;
    this.publishedOn = header?.isoDate ?? null;
    if (header !== null && header.isoDate === null) {
      this.warn(`line ${dateLine + 1}: the date header shows an impossible date; publishedOn left empty`);
    }
    const titleCopies: number[] = [];
    for (let i = start; i < dateLine; i += 1) {
      if (this.keys[i] === '' || this.placed[i] !== undefined) continue;
      if (header !== null && isCategoryLine(this.keys[i], header, lineKey)) this.chrome(i, 'category-header');
      else {
        this.chrome(i, 'title-copy');
        titleCopies.push(i);
      }
    }
    this.chrome(dateLine, 'date-header');

    const title = this.nextNonBlank(dateLine + 1);
    if (title === -1) return this.lines.length;
    if (!this.isHeadCandidate(title)) return title;
    this.titleLine = title;
    this.place(title, 'title');
    for (const copy of titleCopies) {
      if (this.keys[copy] !== this.keys[title]) {
        this.warn(`line ${copy + 1}: taken as a copy of the title but differs from the title on line ${title + 1}`);
      }
    }
    const dek = this.nextNonBlank(title + 1);
    if (dek === -1) return this.lines.length;
    if (!this.isDekCandidate(dek)) return this.readImageSlot(dek, true);
    this.takeDek(dek);
    const slot = this.nextNonBlank(dek + 1);
    return slot === -1 ? this.lines.length : this.readImageSlot(slot, true);
  }

  /**
   * Where the site puts the article image, just above the body (see head-of-page.ts). A caption
   * whose image file line the scrape lost is neither body nor chrome. Returns where the body starts.
   */
  private readImageSlot(slot: number, onCategoryPage: boolean): number {
    return this.takeSlotLines(slot, imageSlotLines(this.head, slot, onCategoryPage));
  }

  /**
   * Places the image slot's lines from `at` (an image and its caption, or an author box, which may
   * also close the body); returns the line after them.
   */
  private takeSlotLines(at: number, parts: readonly ImageSlotLine[]): number {
    parts.forEach((part, k) => {
      const i = at + k;
      if (part === 'image' || part === 'caption') this.place(i, part);
      else if (part === 'no-image-file') {
        this.place(i, 'caption', part);
        this.warn(`line ${i + 1}: image caption without an image file line; kept out of the body`);
      } else {
        this.place(i, 'author', part);
        this.authorLines.push(i);
      }
    });
    if (parts[0] === 'image') {
      this.image = { file: this.lines[at].trim(), caption: parts[1] === 'caption' ? this.lines[at + 1] : null };
    }
    return at + parts.length;
  }

  /**
   * A column may close with its author box instead of opening with it: the body's last lines,
   * when no box sat where the image goes.
   */
  private readClosingAuthorBox(): void {
    if (this.authorLines.length > 0 || this.shape === 'other') return;
    let last = -1;
    let first = -1;
    for (let i = 0; i < this.lines.length; i += 1) {
      if (this.placed[i]?.role !== 'body') continue;
      if (first === -1) first = i;
      last = i;
    }
    if (last === -1) return;
    const start = authorBoxEndingAt(this.keys, last, first + 1);
    if (start === -1) return;
    for (let i = start; i <= last; i += 1) if (this.placed[i]?.role !== 'body') return;
    this.takeSlotLines(start, authorBoxRoles(this.keys, start, last - start + 1));
  }

  private takeDek(at: number): void {
    this.dekLine = at;
    this.place(at, 'dek');
    // A sponsored article carries its sponsor label where the dek goes.
    this.sponsor = sponsorOf(this.lines[at]);
  }

  /** A non-blank line that is not chrome of its own (rail header, related link, separator...). */
  private isHeadCandidate(i: number): boolean {
    return this.keys[i] !== '' && !this.isSpecialLine(i);
  }

  /** The dek slot holds body instead when the article has no dek and opens with its dateline. */
  private isDekCandidate(i: number): boolean {
    return this.isHeadCandidate(i) && !this.opensWithDateline(i) && !isImageFile(this.keys[i]);
  }

  // ---- body and rail ----------------------------------------------------------------------------

  private readBody(from: number): void {
    const titleKey = this.titleLine === -1 ? null : this.keys[this.titleLine];
    const dekKey = this.dekLine === -1 || this.sponsor !== null ? null : this.keys[this.dekLine];
    const last = this.lines.length - 1;
    for (let i = from; i <= last; i += 1) {
      if (this.placed[i] !== undefined) continue;
      const key = this.keys[i];
      if (key === '') continue;
      if (isLatestHeader(key)) {
        this.chrome(i, 'latest-header');
        this.readRail(i + 1);
        return;
      }
      if (i === last && !this.endsWithNewline && isCutLatestHeader(key)) {
        this.cutLatestHeader = true;
        this.chrome(i, 'latest-header');
        continue;
      }
      const related = relatedTitle(this.lines[i]);
      if (related !== null) {
        this.related.push(related);
        this.chrome(i, 'related-content');
      } else if (isListSeparator(key)) this.chrome(i, 'list-separator');
      else if (isPlaceholder(key)) this.chrome(i, 'placeholder');
      else if (isHtmlOnly(key)) this.chrome(i, 'html');
      else if (isImageFile(key) && this.image === null) i = this.takeSlotLines(i, imageLines(this.head, i)) - 1;
      else if (key === titleKey) this.chrome(i, 'title-copy');
      else if (key === dekKey) this.chrome(i, 'dek-copy');
      else if (this.shape === 'other') this.place(i, 'body', 'unplaced');
      else if (hasOnlyLinkMarkup(key)) this.takeLinkLine(i);
      else if (hasHtmlTag(key)) {
        this.place(i, 'body', 'html-in-body');
        this.warn(`line ${i + 1}: contains HTML markup; kept in body`);
      } else if (isImageFile(key)) {
        this.place(i, 'body', 'extra-image-file');
        this.warn(`line ${i + 1}: a second image file line; kept in body`);
      } else this.place(i, 'body');
    }
  }

  /**
   * A body line with links in its markup (stored as link nodes, see blocks/); the scrape often puts
   * the line again as the page rendered it right under it, which is the same paragraph, not a second.
   */
  private takeLinkLine(i: number): void {
    this.place(i, 'body', 'html-link');
    const twin = this.nextNonBlank(i + 1);
    if (twin !== -1 && this.placed[twin] === undefined && isRenderedTwin(this.lines[i], this.keys[twin])) {
      this.chrome(twin, 'rendered-twin');
    }
  }

  /**
   * Cards after "The Latest": one per non-blank line. Cards are separated by one blank line, so
   * every further blank line in a run is an empty slot; blank lines closing the page are not slots.
   */
  private readRail(from: number): void {
    let blanks = 0;
    for (let i = from; i < this.lines.length; i += 1) {
      const key = this.keys[i];
      if (key === '') {
        blanks += 1;
        continue;
      }
      for (let slot = 1; slot < blanks; slot += 1) this.rail.push({ text: '', kind: 'blank', sponsor: null });
      blanks = 0;
      if (isHtmlOnly(key)) this.chrome(i, 'html');
      else if (isPlaceholder(key)) this.chrome(i, 'placeholder');
      else if (isLatestHeader(key)) this.chrome(i, 'latest-header');
      else {
        const sponsor = sponsorOf(this.lines[i]);
        this.rail.push({ text: this.lines[i], kind: sponsor === null ? 'editorial' : 'sponsored', sponsor });
        this.lastRailLine = i;
        this.place(i, 'rail');
      }
    }
  }

  // ---- results ---------------------------------------------------------------------------------

  private result(): ParsedPage {
    const ledger: LedgerEntry[] = [];
    const body: string[] = [];
    const chrome: { line: string; reason: string }[] = [];
    const unplaced: number[] = [];
    for (let i = 0; i < this.lines.length; i += 1) {
      let placement = this.placed[i];
      if (placement === undefined) {
        // Every branch above places its lines; this is the guarantee that none is ever dropped.
        placement = this.keys[i] === '' ? { role: 'blank' } : { role: 'body', reason: 'unplaced' };
      }
      if (placement.reason === 'unplaced') unplaced.push(i + 1);
      const entry: LedgerEntry = { line: i + 1, text: this.lines[i], role: placement.role };
      if (placement.reason !== undefined) entry.reason = placement.reason;
      ledger.push(entry);
      if (placement.role === 'body') body.push(this.lines[i]);
      if (placement.role === 'chrome') chrome.push({ line: this.lines[i], reason: placement.reason ?? 'chrome' });
    }

    if (this.shape === 'other') {
      this.warnings.unshift('unknown page shape: no teaser/title/dek or category header found; read as plain body');
    }
    if (unplaced.length > 0) {
      this.warn(`lines ${formatLineList(unplaced)} could not be placed; kept in body`);
    }
    const truncated = this.isCutOff();
    if (truncated) {
      this.warn(`page is cut off: line ${this.lines.length} ends mid-text and is kept as it is`);
      if (this.lastRailLine === this.lines.length - 1) this.rail[this.rail.length - 1].cut = true;
    }
    const firstBody = ledger.find((e) => e.role === 'body');

    return {
      shape: this.shape,
      title: this.titleLine === -1 ? null : this.lines[this.titleLine],
      dek: this.dekLine === -1 ? null : this.lines[this.dekLine],
      sponsor: this.sponsor,
      category: this.category,
      publishedOn: this.publishedOn,
      dateline: firstBody === undefined ? null : datelinePlace(firstBody.text),
      image: this.image,
      author: this.authorBox(),
      body,
      related: this.related,
      leadTeaser: this.leadTeaser,
      rail: this.rail,
      chrome,
      ledger,
      warnings: this.warnings,
      truncated,
    };
  }

  /** The author box read, its caption being its first line when that line is one (a bio may stand alone). */
  private authorBox(): AuthorBox | null {
    if (this.authorLines.length === 0) return null;
    const [first, ...rest] = this.authorLines;
    const captioned = isAuthorCaption(this.keys[first]);
    return authorBoxOf(captioned ? this.lines[first] : null, (captioned ? rest : this.authorLines).map((i) => this.lines[i]));
  }

  /**
   * The scrape cap cuts pages mid-word and without a final newline. A page that merely lacks the
   * final newline still ends on a finished sentence; one cut by the cap ends mid-word, after a
   * space, inside padding, or on a cut "The La" header.
   */
  private isCutOff(): boolean {
    if (this.endsWithNewline || this.lines.length === 0) return false;
    if (this.cutLatestHeader) return true;
    const last = this.lines[this.lines.length - 1];
    const key = this.keys[this.lines.length - 1];
    return /\s$/.test(last) || (key !== '' && !endsSentence(key));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private place(i: number, role: LineRole, reason?: string): void {
    this.placed[i] = reason === undefined ? { role } : { role, reason };
  }

  private chrome(i: number, reason: string): void {
    this.place(i, 'chrome', reason);
  }

  private warn(message: string): void {
    this.warnings.push(message);
  }

  private nextNonBlank(from: number): number {
    for (let i = from; i < this.keys.length; i += 1) if (this.keys[i] !== '') return i;
    return -1;
  }

  private opensWithDateline(i: number): boolean {
    return datelinePlace(this.lines[i]) !== null;
  }

  /** Lines that are chrome wherever they stand, so never a title, dek or caption. */
  private isSpecialLine(i: number): boolean {
    const key = this.keys[i];
    return (
      isLatestHeader(key) ||
      relatedTitle(this.lines[i]) !== null ||
      isListSeparator(key) ||
      isPlaceholder(key) ||
      isHtmlOnly(key)
    );
  }
}

/** [3,4,5,9] → "3-5, 9" so a warning about a long unplaced page stays one readable line. */
function formatLineList(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j += 1;
    parts.push(i === j ? String(numbers[i]) : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
