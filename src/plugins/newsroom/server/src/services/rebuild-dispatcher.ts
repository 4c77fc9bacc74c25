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
  type RebuildAction,
  type RebuildConfig,
  type RebuildEvent,
} from '../rebuild';
import {
  type DeliveryRow,
  type EventRow,
} from '../rebuild/tables';
import { REBUILD_ATTEMPTS_TABLE, REBUILD_DELIVERIES_TABLE, REBUILD_EVENTS_TABLE, REBUILD_TARGETS_TABLE } from '../persistence/tables';
import { isUniqueViolation, type Knex } from '../utils/db';
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
/** whereIn lists are chunked below SQLite's bound-variable limit. */
const CHUNK = 400;
const PRUNE_EVERY_MS = 60 * 60_000;
/** The header that carries a delivery's place in its target's stream (also `sequence` in the body). */
export const SEQUENCE_HEADER = 'newsroom-sequence';
/** The loop never sleeps less than this, so a busy outbox can't spin it. */
const MIN_SLEEP_MS = 10;

class BatchRaceLost extends Error {}

const chunks = <T>(items: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

const toRebuildEvent = (row: EventRow): RebuildEvent => ({
  id: Number(row.id),
  type: row.type,
  documentId: row.document_id,
  slug: row.slug,
  action: row.action as RebuildAction,
  railVersion: row.rail_version === null ? null : Number(row.rail_version),
  ...(row.type === 'article' ? { category: row.category_slug, previousCategory: row.previous_category_slug } : {}),
  createdAt: new Date(Number(row.created_at_ms)).toISOString(),
});

/**
 * Undelivered deliveries a target's next one must carry: failed (no attempts left) or cancelled (its
 * target was disabled), not carried yet, and not still being sent (a cancelled delivery whose request
 * is in flight keeps its lease until the answer is recorded).
 */
const owedBy = (query: ReturnType<Knex>, targetId: number, now: number) =>
  query
    .where('target_id', targetId)
    .whereIn('status', ['failed', 'cancelled'])
    .whereNull('carried_by_id')
    .andWhere((free) => free.whereNull('leased_until_ms').orWhere('leased_until_ms', '<', now));

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
  const knex = (): Knex => strapi.db.connection;
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
    // A pending delivery, or a cancelled one whose request is still in flight, holds the target's next one back.
    const noPendingDelivery = function noPendingDelivery(this: ReturnType<Knex>) {
      this.select(knex().raw('1'))
        .from(`${REBUILD_DELIVERIES_TABLE} as d`)
        .whereRaw('d.target_id = t.id')
        .andWhere((held) => held.where('d.status', 'pending').orWhere((sending) => sending.where('d.status', 'cancelled').andWhere('d.leased_until_ms', '>=', now)));
    };
    const groups: Array<{ target_id: number | string; first: number | string; last: number | string }> = await knex()(
      `${REBUILD_EVENTS_TABLE} as e`
    )
      .join(`${REBUILD_TARGETS_TABLE} as t`, 't.id', 'e.target_id')
      .where('t.enabled', true)
      .whereNotExists(noPendingDelivery)
      .groupBy('e.target_id')
      .select('e.target_id')
      .min({ first: 'e.created_at_ms' })
      .max({ last: 'e.created_at_ms' });
    const due = new Set<number>();
    let nextDueMs: number | null = null;
    for (const group of groups) {
      const dueAt = batchDueAt([{ createdAt: new Date(Number(group.first)).toISOString() }, { createdAt: new Date(Number(group.last)).toISOString() }], window);
      if (dueAt === null) continue;
      if (dueAt.getTime() <= now) due.add(Number(group.target_id));
      else nextDueMs = Math.min(nextDueMs ?? Infinity, dueAt.getTime());
    }
    const owing: Array<{ id: number | string }> = await knex()(`${REBUILD_TARGETS_TABLE} as t`)
      .where('t.enabled', true)
      .whereNotExists(noPendingDelivery)
      .andWhere((query) =>
        query.where('t.resync_owed', true).orWhereExists(function cancelledDelivery(this: ReturnType<Knex>) {
          this.select(knex().raw('1'))
            .from(`${REBUILD_DELIVERIES_TABLE} as c`)
            .whereRaw('c.target_id = t.id')
            .andWhere('c.status', 'cancelled')
            .whereNull('c.carried_by_id')
            .andWhere((free) => free.whereNull('c.leased_until_ms').orWhere('c.leased_until_ms', '<', now));
        })
      )
      .select('t.id');
    for (const { id } of owing) due.add(Number(id));
    return { due: [...due], nextDueMs };
  }

  /**
   * Turns a target's outbox events, and what its undelivered deliveries owe, into its next delivery
   * in sequence. False when another instance won (the partial unique index allows one pending
   * delivery per target, and (target, sequence) is unique) or there was nothing to send.
   */
  async function formBatch(targetId: number, railVersionNow: number | null, settings: RebuildConfig): Promise<boolean> {
    try {
      return await knex().transaction(async (trx) => {
        const target: { url: string; resync_owed: boolean | number } | undefined = await trx(REBUILD_TARGETS_TABLE)
          .select('url', 'resync_owed')
          .where({ id: targetId, enabled: true })
          .first();
        if (!target) return false;
        const rows: EventRow[] = await trx(REBUILD_EVENTS_TABLE).where('target_id', targetId).orderBy('id').limit(MAX_BATCH_EVENTS + 1);
        const owed: DeliveryRow[] = await owedBy(trx(REBUILD_DELIVERIES_TABLE), targetId, Date.now()).orderBy('sequence').orderBy('id');
        if (rows.length === 0 && owed.length === 0 && !target.resync_owed) return false;

        // More events than a batch holds: the delivery asks for a full rebuild and takes every event so far.
        const overflow = rows.length > MAX_BATCH_EVENTS;
        let deleted = 0;
        if (overflow) {
          deleted = await trx(REBUILD_EVENTS_TABLE).where('target_id', targetId).andWhere('id', '<=', rows[rows.length - 1].id).delete();
        } else {
          for (const ids of chunks(rows.map((row) => row.id))) deleted += await trx(REBUILD_EVENTS_TABLE).whereIn('id', ids).delete();
          if (deleted !== rows.length) throw new BatchRaceLost();
        }

        const last = (await trx(REBUILD_DELIVERIES_TABLE).where('target_id', targetId).max({ sequence: 'sequence' }).first()) as { sequence: number | string | null } | undefined;
        const sequence = Number(last?.sequence ?? 0) + 1;
        const webhookId = newDeliveryId();
        const payload = buildSiteChangedPayload(webhookId, overflow ? [] : rows.map(toRebuildEvent), {
          sequence,
          owed: owed.map((row) => JSON.parse(row.payload) as OwedDelivery),
          maxChanges: settings.maxChanges,
          resyncOwed: overflow || Boolean(target.resync_owed),
          formedAt: new Date(),
        });
        if (railVersionNow !== null && (payload.railVersion === null || railVersionNow > payload.railVersion)) {
          payload.railVersion = railVersionNow;
        }
        const now = Date.now();
        const [inserted] = await trx(REBUILD_DELIVERIES_TABLE)
          .insert({
            webhook_id: webhookId,
            target_id: targetId,
            target_url: target.url,
            sequence,
            resync: payload.resync,
            status: 'pending',
            payload: JSON.stringify(payload),
            change_count: payload.count,
            event_count: deleted,
            attempts: 0,
            next_attempt_at_ms: now,
            created_at_ms: now,
          })
          .returning('id');
        const deliveryId = typeof inserted === 'object' ? Number((inserted as { id: number }).id) : Number(inserted);
        if (owed.length > 0) {
          // Still owed as read: a delivery an editor reopened meanwhile is not carried twice.
          const carried = await owedBy(trx(REBUILD_DELIVERIES_TABLE), targetId, Date.now())
            .whereIn('id', owed.map((row) => row.id))
            .update({ carried_by_id: deliveryId });
          if (carried !== owed.length) throw new BatchRaceLost();
        }
        if (target.resync_owed) await trx(REBUILD_TARGETS_TABLE).where('id', targetId).update({ resync_owed: false });
        strapi.log.debug(
          `[newsroom] rebuild: batch ${webhookId} (#${sequence}) for ${target.url}: ${payload.resync ? 'resync' : `${payload.count} change(s)`} from ${rows.length} event(s) and ${owed.length} undelivered delivery(ies)`
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
    const leaseFree = (query: ReturnType<Knex>) => query.whereNull('leased_until_ms').orWhere('leased_until_ms', '<', now);
    const candidates: Array<{ id: number | string }> = await knex()(`${REBUILD_DELIVERIES_TABLE} as d`)
      .join(`${REBUILD_TARGETS_TABLE} as t`, 't.id', 'd.target_id')
      .where('d.status', 'pending')
      .andWhere('t.enabled', true)
      .andWhere('d.next_attempt_at_ms', '<=', now)
      .andWhere((query) => query.whereNull('d.leased_until_ms').orWhere('d.leased_until_ms', '<', now))
      .orderBy('d.next_attempt_at_ms')
      .limit(CLAIM_LIMIT)
      .select('d.id');
    const claimed: number[] = [];
    for (const { id } of candidates) {
      // The conditional UPDATE is the claim: of two instances, only one sees a row updated.
      const updated = await knex()(REBUILD_DELIVERIES_TABLE)
        .where({ id, status: 'pending' })
        .andWhere((query) => leaseFree(query))
        .update({ lease_owner: owner, leased_until_ms: now + leaseMs });
      if (updated === 1) claimed.push(Number(id));
    }
    return claimed;
  }

  async function releaseLease(deliveryId: number): Promise<void> {
    await knex()(REBUILD_DELIVERIES_TABLE)
      .where({ id: deliveryId, lease_owner: owner })
      .update({ lease_owner: null, leased_until_ms: null });
  }

  type AttemptVerdict = 'delivered' | 'retrying' | 'failed' | 'target-disabled' | 'skipped';

  /** Sends one claimed delivery once and records the outcome. */
  async function attemptDelivery(deliveryId: number, settings: RebuildConfig): Promise<AttemptVerdict> {
    const row: (DeliveryRow & { url: string; enabled: boolean | number }) | undefined = await knex()(`${REBUILD_DELIVERIES_TABLE} as d`)
      .join(`${REBUILD_TARGETS_TABLE} as t`, 't.id', 'd.target_id')
      .where('d.id', deliveryId)
      .select('d.*', 't.url', 't.enabled')
      .first();
    if (!row || row.status !== 'pending' || !row.enabled || row.lease_owner !== owner) {
      if (row) await releaseLease(deliveryId);
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
        await releaseLease(deliveryId).catch(() => undefined);
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
    const leaseHeld = await knex().transaction(async (trx) => {
      await trx(REBUILD_ATTEMPTS_TABLE).insert({
        delivery_id: deliveryId,
        attempt,
        attempted_at_ms: attemptedAt.getTime(),
        status,
        latency_ms: latencyMs,
        outcome: verdict === 'retrying' ? 'retry' : verdict === 'target-disabled' ? 'disable-target' : verdict,
        error,
      });
      const common = { attempts: attempt, last_status: status, last_error: error, target_url: row.url, lease_owner: null, leased_until_ms: null };
      const ours = () => trx(REBUILD_DELIVERIES_TABLE).where({ id: deliveryId, lease_owner: owner });
      switch (verdict) {
        case 'delivered':
          return (await ours().update({ ...common, status: 'delivered', delivered_at_ms: finishedAt, finished_at_ms: finishedAt })) === 1;
        case 'retrying':
          return (await ours().update({ ...common, next_attempt_at_ms: finishedAt + (delayMs as number), last_delay_ms: delayMs })) === 1;
        case 'failed':
          return (await ours().update({ ...common, status: 'failed', finished_at_ms: finishedAt })) === 1;
        default: {
          // 410: the receiver retired this endpoint. The delivery and later events stay owed, for when it is enabled again.
          await trx(REBUILD_TARGETS_TABLE)
            .where('id', row.target_id)
            .update({ enabled: false, disabled_reason: error, updated_at_ms: finishedAt });
          return (await ours().update({ ...common, status: 'cancelled', finished_at_ms: finishedAt })) === 1;
        }
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

  /** When the next pending delivery becomes sendable (its retry time, or when a lease on it ends). */
  async function nextDeliveryDueMs(): Promise<number | null> {
    const row = (await knex()(`${REBUILD_DELIVERIES_TABLE} as d`)
      .join(`${REBUILD_TARGETS_TABLE} as t`, 't.id', 'd.target_id')
      .where('d.status', 'pending')
      .andWhere('t.enabled', true)
      .select(knex().raw('MIN(CASE WHEN d.leased_until_ms > d.next_attempt_at_ms THEN d.leased_until_ms ELSE d.next_attempt_at_ms END) AS due'))
      .first()) as { due: number | string | null } | undefined;
    return row?.due === null || row?.due === undefined ? null : Number(row.due);
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
    await knex().transaction(async (trx) => {
      const lostEvents = trx(REBUILD_EVENTS_TABLE).distinct('target_id').where('created_at_ms', '<', before);
      const lostDeliveries = trx(REBUILD_DELIVERIES_TABLE)
        .distinct('target_id')
        .whereIn('status', ['failed', 'cancelled'])
        .whereNull('carried_by_id')
        .andWhere('finished_at_ms', '<', before);
      await trx(REBUILD_TARGETS_TABLE).whereIn('id', lostEvents).orWhereIn('id', lostDeliveries).update({ resync_owed: true });
      await trx(REBUILD_EVENTS_TABLE).where('created_at_ms', '<', before).delete();
      // The newest delivery of each target stays, so its sequence goes on from where it was.
      const old = () =>
        trx(REBUILD_DELIVERIES_TABLE)
          .whereNot('status', 'pending')
          .andWhere('finished_at_ms', '<', before)
          .whereNotIn('id', trx(REBUILD_DELIVERIES_TABLE).max('id').groupBy('target_id'));
      await trx(REBUILD_ATTEMPTS_TABLE).whereIn('delivery_id', old().select('id')).delete();
      await old().delete();
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
    const nextDeliveryMs = await nextDeliveryDueMs();
    const candidates = [nextBatchMs, nextDeliveryMs].filter((value): value is number => value !== null);
    summary.nextDueAt = candidates.length > 0 ? new Date(Math.min(...candidates)) : null;
    return summary;
  }

  function runPass(): Promise<DispatchPassSummary> {
    const run = chain.then(() => pass());
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
