import { randomBytes } from 'crypto';
import { hostname } from 'os';
import { performance } from 'perf_hooks';
import type { Core } from '@strapi/strapi';
import {
  batchDueAt,
  buildSiteChangedPayload,
  classifyAttempt,
  describeFetchError,
  newDeliveryId,
  nextRetryDelayMs,
  signDelivery,
  type AttemptResult,
  type OwedDelivery,
  type RebuildConfig,
} from '../rebuild';
import {
  deleteDeliveriesFinishedBefore,
  deliveryToSend,
  dueDeliveryIds,
  insertDelivery,
  lastSequence,
  leasePendingDelivery,
  markCancelled,
  markCarried,
  markDelivered,
  markFailed,
  nextDeliveryDueMs,
  oweResyncForChangesBefore,
  owedDeliveries,
  queuedEventSpans,
  recordAttempt,
  releaseLease,
  scheduleRetry,
  targetsOwedADelivery,
  type AttemptAnswer,
  type HeldLease,
} from '../persistence/rebuild-deliveries';
import { clearResyncOwed, deleteEvents, deleteEventsBefore, deleteEventsThrough, disableTarget, enabledTarget, oldestEventsOfTarget } from '../persistence/rebuild-targets';
import { runInTransaction, isUniqueViolation, runInBackground, withConnection, type Knex } from '../persistence/connection';
import { getPluginService } from '../utils/plugin';

/** What one dispatcher pass did; `nextDueAt` is when it expects work next (null: nothing queued). */
export interface DispatchPassSummary {
  batchesFormed: number;
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
  targetsDisabled: number;
  nextDueAt: Date | null;
}

/** A batch holds at most this many outbox events; a larger backlog goes out in several batches. */
const MAX_BATCH_EVENTS = 5_000;
/** Deliveries one pass claims; each is sent concurrently, so one slow target doesn't hold up the rest. */
const CLAIM_LIMIT = 20;
const PRUNE_EVERY_MS = 60 * 60_000;
/** The header that carries a delivery's place in its target's stream (also `sequence` in the body). */
export const SEQUENCE_HEADER = 'newsroom-sequence';
/** The loop never sleeps less than this, so a busy outbox can't spin it. */
const MIN_SLEEP_MS = 10;

class BatchRaceLost extends Error {}

/**
 * The dispatcher: turns each target's outbox events into one delivery per burst and sends it,
 * signed, retrying with backoff. Every step is a conditional write, so any number of instances can
 * run it against one database:
 * - a batch is formed by deleting its events; an instance that deletes fewer rows than it read lost
 *   the race and rolls back (and a partial unique index allows one pending delivery per target);
 * - a delivery is sent only by the instance whose conditional UPDATE set `lease_owner`; a crashed
 *   instance's lease runs out after `leaseMs` and the delivery is claimed again.
 *
 * Deliveries to one target go out in order: while a target has a pending delivery (being retried),
 * its new events wait in the outbox and become the next batch once that one is settled. A receiver
 * that was down for an hour therefore gets two calls when it is back, not one per burst.
 *
 * `instanceId` is normally left to default; the integration test passes its own to run a second
 * dispatcher against the same database.
 */
export const createRebuildDispatcher = ({ strapi, instanceId }: { strapi: Core.Strapi; instanceId?: string }) => {
  const onConnection = <T>(query: (db: Knex) => Promise<T>): Promise<T> => withConnection(strapi, query);
  // Passes run in the background (runPass), so their transactions are never nested in a caller's
  // and a thrown race rolls back what the batch wrote.
  const owner = instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const config = (): RebuildConfig => getPluginService(strapi, 'rebuild').config();

  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let looping = false;
  /** Passes of this process run one after another; dispatchNow() queues behind the loop's pass. */
  let chain: Promise<unknown> = Promise.resolve();
  /** Aborts requests in flight at shutdown; their deliveries are released and resent after a restart. */
  const shutdown = new AbortController();
  let lastPruneMs = 0;

  /** The stored rail version, so every payload names the rail to build with (best effort). */
  async function currentRailVersion(): Promise<number | null> {
    try {
      return (await getPluginService(strapi, 'rail').current()).version;
    } catch {
      return null;
    }
  }

  /**
   * Targets with a delivery due, and the earliest time a later one will be: outbox events whose burst
   * is over, or (due at once) a target enabled again with cancelled deliveries to make good, or one
   * whose change log was pruned. A target that has a pending delivery waits until it settles.
   */
  async function dueTargets(now: number, window: RebuildConfig['window']): Promise<{ due: number[]; nextDueMs: number | null }> {
    const spans = await onConnection((db) => queuedEventSpans(db, now));
    const due = new Set<number>();
    let nextDueMs: number | null = null;
    for (const span of spans) {
      const dueAt = batchDueAt([{ createdAt: new Date(span.firstMs).toISOString() }, { createdAt: new Date(span.lastMs).toISOString() }], window);
      if (dueAt === null) continue;
      if (dueAt.getTime() <= now) due.add(span.targetId);
      else nextDueMs = Math.min(nextDueMs ?? Infinity, dueAt.getTime());
    }
    for (const id of await onConnection((db) => targetsOwedADelivery(db, now))) due.add(id);
    return { due: [...due], nextDueMs };
  }

  /**
   * Turns a target's outbox events, and what its undelivered deliveries owe, into its next delivery
   * in sequence. False when another instance won (the partial unique index allows one pending
   * delivery per target, and (target, sequence) is unique) or there was nothing to send.
   */
  async function formBatch(targetId: number, railVersionNow: number | null, settings: RebuildConfig): Promise<boolean> {
    try {
      return await runInTransaction(strapi, async (db) => {
        const target = await enabledTarget(db, targetId);
        if (!target) return false;
        const events = await oldestEventsOfTarget(db, targetId, MAX_BATCH_EVENTS + 1);
        const owed = await owedDeliveries(db, targetId, Date.now());
        if (events.length === 0 && owed.length === 0 && !target.resync_owed) return false;

        // More events than a batch holds: the delivery asks for a full rebuild and takes every event so far.
        const overflow = events.length > MAX_BATCH_EVENTS;
        let deleted: number;
        if (overflow) {
          deleted = await deleteEventsThrough(db, targetId, events[events.length - 1].id);
        } else {
          deleted = await deleteEvents(db, events.map((event) => event.id));
          if (deleted !== events.length) throw new BatchRaceLost();
        }

        const sequence = (await lastSequence(db, targetId)) + 1;
        const webhookId = newDeliveryId();
        const payload = buildSiteChangedPayload(webhookId, overflow ? [] : events, {
          sequence,
          owed: owed.map((row) => JSON.parse(row.payload) as OwedDelivery),
          maxChanges: settings.maxChanges,
          resyncOwed: overflow || Boolean(target.resync_owed),
          formedAt: new Date(),
        });
        if (railVersionNow !== null && (payload.railVersion === null || railVersionNow > payload.railVersion)) {
          payload.railVersion = railVersionNow;
        }
        const deliveryId = await insertDelivery(
          db,
          {
            webhookId,
            targetId,
            targetUrl: target.url,
            sequence,
            resync: payload.resync,
            payload: JSON.stringify(payload),
            changeCount: payload.count,
            eventCount: deleted,
          },
          Date.now()
        );
        if (owed.length > 0) {
          // Still owed as read: a delivery an editor reopened meanwhile is not carried twice.
          const carried = await markCarried(db, targetId, owed.map((row) => Number(row.id)), deliveryId, Date.now());
          if (carried !== owed.length) throw new BatchRaceLost();
        }
        if (target.resync_owed) await clearResyncOwed(db, targetId);
        strapi.log.debug(
          `[newsroom] rebuild: batch ${webhookId} (#${sequence}) for ${target.url}: ${payload.resync ? 'resync' : `${payload.count} change(s)`} from ${events.length} event(s) and ${owed.length} undelivered delivery(ies)`
        );
        return true;
      });
    } catch (error) {
      if (error instanceof BatchRaceLost || isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Claims up to CLAIM_LIMIT due deliveries with a lease; returns the ids this instance won. */
  async function claimDueDeliveries(now: number, leaseMs: number): Promise<number[]> {
    const candidates = await onConnection((db) => dueDeliveryIds(db, now, CLAIM_LIMIT));
    const claimed: number[] = [];
    for (const id of candidates) {
      if (await onConnection((db) => leasePendingDelivery(db, id, owner, now, now + leaseMs))) claimed.push(id);
    }
    return claimed;
  }

  type AttemptVerdict = 'delivered' | 'retrying' | 'failed' | 'target-disabled' | 'skipped';

  /** Sends one claimed delivery once and records the outcome. */
  async function attemptDelivery(deliveryId: number, settings: RebuildConfig): Promise<AttemptVerdict> {
    const lease: HeldLease = { deliveryId, owner };
    const row = await onConnection((db) => deliveryToSend(db, deliveryId));
    if (!row || row.status !== 'pending' || !row.enabled || row.lease_owner !== owner) {
      if (row) await onConnection((db) => releaseLease(db, lease));
      return 'skipped';
    }

    const attempt = Number(row.attempts) + 1;
    const attemptedAt = new Date();
    // The stored payload is re-serialised to the same bytes; the timestamp is this attempt's own.
    const signed = signDelivery(settings.secret, row.webhook_id, JSON.parse(row.payload), attemptedAt);
    const started = performance.now();
    let result: AttemptResult;
    try {
      const response = await fetch(row.url, {
        method: 'POST',
        headers: { ...signed.headers, [SEQUENCE_HEADER]: String(row.sequence), 'user-agent': 'newsroom-rebuild-webhooks/1' },
        body: signed.body,
        // A redirected POST would not be a signed POST to the configured URL (see classify-response).
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), shutdown.signal]),
      });
      result = { status: response.status };
      // Receivers only acknowledge; the body is dropped so the connection is freed.
      await response.body?.cancel().catch(() => undefined);
    } catch (error) {
      if (shutdown.signal.aborted) {
        // Not the receiver's fault: the delivery is resent, same webhook-id, after the restart.
        await onConnection((db) => releaseLease(db, lease)).catch(() => undefined);
        return 'skipped';
      }
      result = { error: describeFetchError(error) };
    }
    const latencyMs = Math.round(performance.now() - started);
    const outcome = classifyAttempt(result);
    const status = 'status' in result ? result.status : null;
    const error = outcome.kind === 'delivered' ? null : outcome.reason;

    let verdict: AttemptVerdict;
    let delayMs: number | null = null;
    if (outcome.kind === 'delivered') verdict = 'delivered';
    else if (outcome.kind === 'disable-target') verdict = 'target-disabled';
    else {
      const previous = row.last_delay_ms === null ? undefined : Number(row.last_delay_ms);
      delayMs = nextRetryDelayMs(attempt, settings.retry, Math.random, previous);
      verdict = delayMs === null ? 'failed' : 'retrying';
    }

    const finishedAt = Date.now();
    const answer: AttemptAnswer = { attempt, status, error, targetUrl: row.url };
    const leaseHeld = await runInTransaction(strapi, async (db) => {
      const recorded = verdict === 'retrying' ? 'retry' : verdict === 'target-disabled' ? 'disable-target' : verdict;
      await recordAttempt(db, { deliveryId, attempt, attemptedAt, status, latencyMs, outcome: recorded, error });
      switch (verdict) {
        case 'delivered':
          return markDelivered(db, lease, answer, finishedAt);
        case 'retrying':
          return scheduleRetry(db, lease, answer, finishedAt + (delayMs as number), delayMs as number);
        case 'failed':
          return markFailed(db, lease, answer, finishedAt);
        default:
          // 410: the receiver retired this endpoint. The delivery and later events stay owed, for when it is enabled again.
          await disableTarget(db, Number(row.target_id), error, finishedAt);
          return markCancelled(db, lease, answer, finishedAt);
      }
    });

    const attemptLabel = attempt <= settings.retry.maxAttempts ? `${attempt}/${settings.retry.maxAttempts}` : `${attempt} (retried by an editor)`;
    const summary = `[newsroom] rebuild: ${row.webhook_id} (#${row.sequence}) attempt ${attemptLabel} to ${row.url}: ${
      status === null ? 'no answer' : `HTTP ${status}`
    } in ${latencyMs} ms`;
    if (verdict === 'delivered') strapi.log.info(`${summary}, delivered`);
    else if (verdict === 'retrying') strapi.log.warn(`${summary}, ${error}; retrying in ${Math.round((delayMs as number) / 1000)} s`);
    else if (verdict === 'failed') strapi.log.error(`${summary}, ${error}; no attempts left: its changes go with the target's next delivery`);
    else strapi.log.warn(`${summary}, ${error}; target disabled`);
    if (!leaseHeld) {
      strapi.log.warn(`[newsroom] rebuild: ${row.webhook_id}: the lease ran out during the attempt; another instance may resend it`);
    }
    return verdict;
  }

  /**
   * Keeps the tables bounded. Finished deliveries and their attempts go after the retention period;
   * so do outbox events still waiting (a target disabled for that long). A target that loses an
   * undelivered change that way is owed a full rebuild instead.
   */
  async function prune(now: number, retentionMs: number): Promise<void> {
    if (now - lastPruneMs < PRUNE_EVERY_MS) return;
    lastPruneMs = now;
    const before = now - retentionMs;
    await runInTransaction(strapi, async (db) => {
      await oweResyncForChangesBefore(db, before);
      await deleteEventsBefore(db, before);
      await deleteDeliveriesFinishedBefore(db, before);
    });
  }

  /** One pass: form due batches, then send due deliveries. */
  async function pass(): Promise<DispatchPassSummary> {
    const settings = config();
    const summary: DispatchPassSummary = { batchesFormed: 0, attempted: 0, delivered: 0, retrying: 0, failed: 0, targetsDisabled: 0, nextDueAt: null };

    const { due, nextDueMs: nextBatchMs } = await dueTargets(Date.now(), settings.window);
    if (due.length > 0) {
      const railVersion = await currentRailVersion();
      for (const targetId of due) if (await formBatch(targetId, railVersion, settings)) summary.batchesFormed += 1;
    }

    const claimed = await claimDueDeliveries(Date.now(), settings.leaseMs);
    const verdicts = await Promise.all(claimed.map((id) => attemptDelivery(id, settings)));
    for (const verdict of verdicts) {
      if (verdict === 'skipped') continue;
      summary.attempted += 1;
      if (verdict === 'delivered') summary.delivered += 1;
      else if (verdict === 'retrying') summary.retrying += 1;
      else if (verdict === 'failed') summary.failed += 1;
      else summary.targetsDisabled += 1;
    }

    await prune(Date.now(), settings.retentionMs);
    const nextDeliveryMs = await onConnection(nextDeliveryDueMs);
    const candidates = [nextBatchMs, nextDeliveryMs].filter((value): value is number => value !== null);
    summary.nextDueAt = candidates.length > 0 ? new Date(Math.min(...candidates)) : null;
    return summary;
  }

  function runPass(): Promise<DispatchPassSummary> {
    // Outside any caller's transaction: a pass's writes commit on their own, whoever asked for it.
    const run = chain.then(() => runInBackground(pass));
    chain = run.catch(() => undefined);
    return run;
  }

  function schedule(delayMs: number): void {
    if (stopped || !looping) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
    // The loop never keeps a process (a CLI, a test) alive on its own.
    timer.unref();
  }

  function tick(): void {
    timer = null;
    const { pollIntervalMs } = config();
    runPass()
      .then((summary) => {
        const untilDue = summary.nextDueAt === null ? pollIntervalMs : summary.nextDueAt.getTime() - Date.now();
        schedule(Math.max(MIN_SLEEP_MS, Math.min(pollIntervalMs, untilDue)));
      })
      .catch((error: unknown) => {
        if (stopped) return;
        strapi.log.error(`[newsroom] rebuild: dispatcher pass failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        schedule(pollIntervalMs);
      });
  }

  return {
    instanceId: owner,

    /** Starts the timer loop (unless config `dispatch` is false). Idempotent. */
    start(): void {
      if (stopped || looping || !config().dispatch) return;
      looping = true;
      schedule(0);
    },

    /** Runs one pass now (after any pass in progress) and says what it did. */
    dispatchNow(): Promise<DispatchPassSummary> {
      return runPass();
    },

    /** Makes the loop look for work now rather than at its next poll (e.g. after retryNow). */
    wake(): void {
      if (looping && !stopped) schedule(0);
    },

    /** Stops the loop, aborts requests in flight (their deliveries stay pending) and waits for the pass. */
    async stop(): Promise<void> {
      stopped = true;
      looping = false;
      if (timer) clearTimeout(timer);
      timer = null;
      shutdown.abort();
      await chain;
    },
  };
};

const rebuildDispatcherService = ({ strapi }: { strapi: Core.Strapi }) => createRebuildDispatcher({ strapi });

export default rebuildDispatcherService;
export type RebuildDispatcherService = ReturnType<typeof rebuildDispatcherService>;
