/**
 * Shapes shared by the rebuild-webhook dispatcher. The pure functions in this folder decide
 * (when a batch is due, what it says, how it is signed, when to try again); the Strapi service
 * around them reads the outbox, sends the request and writes the outcome.
 */

/**
 * What happened to a piece of published content. 'create' is a new document of a type without
 * drafts (a category); 'rail' is a new version of the Latest rail.
 */
export type RebuildAction = 'create' | 'publish' | 'unpublish' | 'delete' | 'update' | 'rail';

/** One row of the persisted outbox: a published change a static frontend must rebuild for. */
export interface RebuildEvent {
  id?: string | number;
  /** 'article' | 'category' | 'rail'; kept open so a new content type needs no change here. */
  type: string;
  documentId: string | null;
  slug: string | null;
  action: RebuildAction;
  railVersion?: number | null;
  /** An article's category slug after the change (null: none); undefined for other types. */
  category?: string | null;
  /** An article's category slug before the change, when it had a published version. */
  previousCategory?: string | null;
  /** ISO 8601 instant the event was written. */
  createdAt: string;
}

/** One entry of the `changes` list: a document and the last thing that happened to it. */
export interface SiteChange {
  type: string;
  documentId: string | null;
  slug: string | null;
  action: string;
  /** Articles only: the category slug whose pages list it now (null: none). */
  category?: string | null;
  /** Articles only, when the article moved: the category whose pages listed it before. */
  previousCategory?: string;
}

/** The JSON body of one delivery: every change of one coalesced batch. */
export interface SiteChangedPayload {
  event: 'site.changed';
  deliveryId: string;
  /** Consecutive per target, from 1: a gap or a repeat shows at a glance. */
  sequence: number;
  /** True when too much is owed to list: rebuild everything (and `changes` is empty). */
  resync: boolean;
  changes: SiteChange[];
  railVersion: number | null;
  count: number;
  firstEventAt: string;
  lastEventAt: string;
}

export type SignatureHeaderName = 'webhook-id' | 'webhook-timestamp' | 'webhook-signature' | 'content-type';

/** A request ready to POST: the body must be sent byte for byte, or the signature breaks. */
export interface SignedRequest {
  headers: Record<SignatureHeaderName, string>;
  body: string;
}

/**
 * How retries are spaced.
 * - 'full': the delay is uniform in [0, capped exponential) (AWS "full jitter").
 * - 'decorrelated': uniform in [base, 3 × previous delay), capped (AWS "decorrelated jitter").
 * - 'none': exactly the capped exponential; for tests and single-target set-ups.
 */
export type JitterMode = 'full' | 'decorrelated' | 'none';

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  jitter: JitterMode;
}

export type AttemptOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; reason: string }
  | { kind: 'disable-target'; reason: string };

/** What one attempt produced: an HTTP answer, or an error before one arrived. */
export type AttemptResult = { status: number } | { error: { name?: string; code?: string; message: string } };

export interface RebuildTarget {
  url: string;
}
