/**
 * What the page reader returns. Other parts of the project (ingest, dedupe, rail assembly, the CLI's
 * JSON output) rely on these shapes exactly, so they change only together with the README's
 * description of `npm run ingest -- --json`.
 */

import type { AuthorBox } from './author-box';

export type LineRole = 'title' | 'dek' | 'body' | 'image' | 'caption' | 'author' | 'chrome' | 'rail' | 'blank';

/** Why a line was taken as site chrome. Open-ended (`string`) so a new reason is not a breaking change. */
export type ChromeReason =
  | 'lead-teaser'
  | 'site-banner'
  | 'category-header'
  | 'date-header'
  | 'title-copy'
  | 'latest-header'
  | 'related-content'
  | 'list-separator'
  | 'placeholder'
  | 'html'
  | 'dek-copy'
  | 'headshot'
  | 'bio-box'
  | 'rendered-twin'
  | string;

export interface LedgerEntry {
  /** 1-based line number in the input. */
  line: number;
  /** The line as it was, minus its terminator (and minus the BOM on line 1). */
  text: string;
  role: LineRole;
  reason?: string;
}

export type CardKind = 'editorial' | 'sponsored' | 'blank';

export interface RailCard {
  text: string;
  kind: CardKind;
  sponsor: string | null;
  /** The page was cut off in this card (its last line): the text is the start of a card, not a card. */
  cut?: true;
}

export type PageShape = 'rail' | 'category' | 'title-first' | 'sponsor-first' | 'other';

export interface PageImage {
  file: string;
  caption: string | null;
}

export interface ParsedPage {
  shape: PageShape;
  title: string | null;
  dek: string | null;
  sponsor: string | null;
  category: string | null;
  /** YYYY-MM-DD */
  publishedOn: string | null;
  /** "Paris", "New York", "Akron, Ohio" */
  dateline: string | null;
  image: PageImage | null;
  /** A columnist's author box (headshot alt text and bio) where the image sits, read; else null. */
  author: AuthorBox | null;
  /** Paragraphs and list items in reading order, exactly as in the page. */
  body: string[];
  /** Titles from "RELATED CONTENT: <title>" lines. */
  related: string[];
  /** Line-1 teaser of another story (rail shape), else null. */
  leadTeaser: string | null;
  /** Cards after "The Latest", in order; an empty slot is {text:'', kind:'blank', sponsor:null}. */
  rail: RailCard[];
  chrome: { line: string; reason: string }[];
  /** Exactly one entry per input line, in order. */
  ledger: LedgerEntry[];
  warnings: string[];
  truncated: boolean;
}
