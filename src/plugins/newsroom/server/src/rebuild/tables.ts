/**
 * How the rebuild-webhook tables' rows read (the persistence migrations make the tables). Times
 * are stored as epoch milliseconds in BIGINT columns: SQLite and PostgreSQL then compare, sort and
 * return them the same way (PostgreSQL returns BIGINT as a string, hence the Number() calls below).
 */

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';
export type TargetSource = 'env' | 'admin';

/** Why a target from REBUILD_WEBHOOK_URLS was disabled when it left that variable (re-enabled if it returns). */
export const REMOVED_FROM_ENV = 'removed from REBUILD_WEBHOOK_URLS';

type DbNumber = number | string;
type DbBoolean = boolean | number;

export interface TargetRow {
  id: DbNumber;
  url: string;
  enabled: DbBoolean;
  source: string;
  disabled_reason: string | null;
  resync_owed: DbBoolean;
  created_at_ms: DbNumber;
  updated_at_ms: DbNumber;
}

export interface EventRow {
  id: DbNumber;
  target_id: DbNumber;
  type: string;
  document_id: string | null;
  slug: string | null;
  action: string;
  rail_version: DbNumber | null;
  category_slug: string | null;
  previous_category_slug: string | null;
  created_at_ms: DbNumber;
}

export interface DeliveryRow {
  id: DbNumber;
  webhook_id: string;
  target_id: DbNumber;
  target_url: string;
  sequence: DbNumber | null;
  resync: DbBoolean;
  carried_by_id: DbNumber | null;
  status: string;
  payload: string;
  change_count: DbNumber;
  event_count: DbNumber;
  attempts: DbNumber;
  next_attempt_at_ms: DbNumber;
  last_delay_ms: DbNumber | null;
  last_status: DbNumber | null;
  last_error: string | null;
  lease_owner: string | null;
  leased_until_ms: DbNumber | null;
  created_at_ms: DbNumber;
  delivered_at_ms: DbNumber | null;
  finished_at_ms: DbNumber | null;
}

export interface AttemptRow {
  id: DbNumber;
  delivery_id: DbNumber;
  attempt: DbNumber;
  attempted_at_ms: DbNumber;
  status: DbNumber | null;
  latency_ms: DbNumber;
  outcome: string;
  error: string | null;
}

/** A target as the admin page shows it. */
export interface RebuildTargetView {
  id: number;
  url: string;
  enabled: boolean;
  source: TargetSource;
  /** Why it is disabled: "HTTP 410 Gone…", "disabled in the admin", "removed from REBUILD_WEBHOOK_URLS"; null when enabled. */
  disabledReason: string | null;
  /** Changes it missed were pruned from the log: its next delivery asks for a full rebuild. */
  resyncOwed: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A delivery as the admin page shows it. */
export interface RebuildDeliveryView {
  id: number;
  /** The webhook-id header: the same on every attempt, the receiver's idempotency key. */
  webhookId: string;
  targetId: number;
  targetUrl: string;
  /** Its place in the target's stream (consecutive from 1). */
  sequence: number | null;
  /** It asks for a full rebuild instead of listing changes. */
  resync: boolean;
  /** Undelivered, and its changes went out again in this later delivery (so it is not retried). */
  carriedById: number | null;
  status: DeliveryStatus;
  attempts: number;
  /** Status of the last answer (null: no attempt yet, or no answer: timeout, refused...). */
  lastStatus: number | null;
  lastError: string | null;
  /** When the next attempt is due; null unless pending. */
  nextAttemptAt: string | null;
  /** Distinct changes in the payload (its `count`). */
  changeCount: number;
  /** Outbox events that were coalesced into it. */
  eventCount: number;
  createdAt: string;
  deliveredAt: string | null;
}

/** A target as the editors' home page shows it: its newest delivery and what is going wrong. */
export interface RebuildTargetHealth {
  target: RebuildTargetView;
  lastDelivery: RebuildDeliveryView | null;
  /** Pending deliveries that have failed at least once and will be tried again. */
  retrying: number;
  /** Deliveries that failed for good and whose changes no later delivery carried. */
  givenUp: number;
}

/** One attempt of a delivery. */
export interface RebuildAttemptView {
  attempt: number;
  attemptedAt: string;
  status: number | null;
  latencyMs: number;
  /** 'delivered' | 'retry' | 'failed' (no attempts left) | 'disable-target'. */
  outcome: string;
  error: string | null;
}

const iso = (ms: DbNumber) => new Date(Number(ms)).toISOString();
const optionalNumber = (value: DbNumber | null) => (value === null || value === undefined ? null : Number(value));

export function targetView(row: TargetRow): RebuildTargetView {
  return {
    id: Number(row.id),
    url: row.url,
    enabled: Boolean(row.enabled),
    source: row.source === 'env' ? 'env' : 'admin',
    disabledReason: row.enabled ? null : row.disabled_reason,
    resyncOwed: Boolean(row.resync_owed),
    createdAt: iso(row.created_at_ms),
    updatedAt: iso(row.updated_at_ms),
  };
}

export function deliveryView(row: DeliveryRow): RebuildDeliveryView {
  const status = row.status as DeliveryStatus;
  return {
    id: Number(row.id),
    webhookId: row.webhook_id,
    targetId: Number(row.target_id),
    targetUrl: row.target_url,
    sequence: optionalNumber(row.sequence),
    resync: Boolean(row.resync),
    // 0 marks a delivery that ended before deliveries were numbered: nothing carried it, nothing owes it.
    carriedById: Number(row.carried_by_id) > 0 ? Number(row.carried_by_id) : null,
    status,
    attempts: Number(row.attempts),
    lastStatus: optionalNumber(row.last_status),
    lastError: row.last_error,
    nextAttemptAt: status === 'pending' ? iso(row.next_attempt_at_ms) : null,
    changeCount: Number(row.change_count),
    eventCount: Number(row.event_count),
    createdAt: iso(row.created_at_ms),
    deliveredAt: row.delivered_at_ms === null ? null : iso(row.delivered_at_ms),
  };
}

export function attemptView(row: AttemptRow): RebuildAttemptView {
  return {
    attempt: Number(row.attempt),
    attemptedAt: iso(row.attempted_at_ms),
    status: optionalNumber(row.status),
    latencyMs: Number(row.latency_ms),
    outcome: row.outcome,
    error: row.error,
  };
}
