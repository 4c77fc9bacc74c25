/**
 * Shapes the Newsroom services answer and the admin pages read (through the admin routes), kept in
 * a module with no Strapi import so the admin code can import them as types.
 */
import type { RailCard } from './rail/types';
import type { RebuildTargetHealth } from './rebuild/target-views';

/** The current Latest rail: what GET /api/latest-rail answers and the admin Rail page shows. */
export interface RailView {
  version: number;
  assembledAt: string;
  cards: RailCard[];
}

/** One merge of a copy into a stored article (or an editor's split of one), for the admin Merges page. */
export interface MergeLogEntry {
  id: number;
  /** 'split': an editor split a merged copy back out of the story `documentId` into `splitInto`. */
  action: 'merge' | 'split';
  at: string;
  documentId: string;
  title: string;
  /** Where the merged copy came from: its URL or file, or the route when it had none. */
  source: string;
  /** False when the copy added nothing to the article (a duplicate, or the same page read again). */
  changed: boolean;
  /** The article the copy became when an editor split it out; null while it is merged. */
  splitInto: string | null;
  /** Whether the copy was kept whole, so it can be split out (merges before copies were kept cannot). */
  splittable: boolean;
  /** Who split it (split rows). */
  decidedBy: string | null;
}

/** One line of the boilerplate ledger, for the admin Boilerplate page. */
export interface BoilerplateEntry {
  id: number;
  line: string;
  /** In how many different articles the line was seen verbatim. */
  count: number;
  /** Whether it is stripped from bodies on entry: count at the threshold and not kept by an editor. */
  boilerplate: boolean;
  /** An editor said "not boilerplate": never stripped as such. */
  keep: boolean;
  lastSeenAt: string;
}

/** An editor's decision about one rail card, in force now: for the "Pinned and hidden" list. */
export interface RailCurationEntry {
  target: {
    type: 'article' | 'teaser';
    documentId: string;
    /** The article's title or the teaser's text; null when the document is gone. */
    label: string | null;
  };
  action: 'pin' | 'hide';
  /** The position asked for (pins only). */
  position: number | null;
  /** When a pin ends (ISO 8601); null: until cleared. */
  until: string | null;
  decidedBy: string;
  decidedAt: string;
}

/** Where an import came from: the ingest command, the content API, the admin upload, first-boot samples. */
export type ImportOrigin = 'command' | 'api' | 'admin' | 'samples';

/** An import (a command run, an upload, an API batch) as the editors' home page lists it. */
export interface ImportSummary {
  id: number;
  origin: ImportOrigin;
  startedBy: string;
  startedAt: string;
  lastPageAt: string;
  pages: number;
  created: number;
  merged: number;
  failed: number;
}

/** A card read on pages whose story has not been read yet: it links to its article once it is. */
export interface WaitingCard {
  documentId: string;
  text: string;
  timesSeen: number;
  lastSeenAt: string | null;
}

/** What the newsroom has been doing, for the editors' home page (GET /newsroom/activity). */
export interface NewsroomActivity {
  imports: ImportSummary[];
  merges: MergeLogEntry[];
  waitingCards: { count: number; newest: WaitingCard[] };
  webhooks: RebuildTargetHealth[];
}
