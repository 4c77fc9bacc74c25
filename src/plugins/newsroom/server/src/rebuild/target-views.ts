/** How the admin sees the rebuild webhooks: targets, deliveries and their attempts. */

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';
export type TargetSource = 'env' | 'admin';

/** Why a target from REBUILD_WEBHOOK_URLS was disabled when it left that variable (re-enabled if it returns). */
export const REMOVED_FROM_ENV = 'removed from REBUILD_WEBHOOK_URLS';

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
