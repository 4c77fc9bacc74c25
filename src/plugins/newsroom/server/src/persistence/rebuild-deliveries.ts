import type { DeliveryStatus, RebuildAttemptView, RebuildDeliveryView, RebuildTargetHealth } from '../rebuild/target-views';
import type { Knex } from './connection';
import { insertedId, isoFromMs, type DbBoolean, type DbNumber } from './stored-values';
import { REBUILD_ATTEMPTS_TABLE, REBUILD_DELIVERIES_TABLE, REBUILD_EVENTS_TABLE, REBUILD_TARGETS_TABLE } from './tables';

/* The rebuild deliveries and their attempts, and what the dispatcher asks of the outbox as a whole. */

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

interface AttemptRow {
  id: DbNumber;
  delivery_id: DbNumber;
  attempt: DbNumber;
  attempted_at_ms: DbNumber;
  status: DbNumber | null;
  latency_ms: DbNumber;
  outcome: string;
  error: string | null;
}

/** A batch about to be stored as its target's next delivery. */
export interface NewDelivery {
  webhookId: string;
  targetId: number;
  targetUrl: string;
  sequence: number;
  resync: boolean;
  payload: string;
  changeCount: number;
  eventCount: number;
}

/** One HTTP attempt of a delivery, as recorded. */
export interface AttemptRecord {
  deliveryId: number;
  attempt: number;
  attemptedAt: Date;
  status: number | null;
  latencyMs: number;
  outcome: string;
  error: string | null;
}

/** A delivery this dispatcher holds the lease on. */
export interface HeldLease {
  deliveryId: number;
  owner: string;
}

/** What an attempt's answer writes on its delivery, whatever comes of it. */
export interface AttemptAnswer {
  attempt: number;
  status: number | null;
  error: string | null;
  targetUrl: string;
}

const optionalNumber = (value: DbNumber | null) => (value === null || value === undefined ? null : Number(value));

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
    nextAttemptAt: status === 'pending' ? isoFromMs(row.next_attempt_at_ms) : null,
    changeCount: Number(row.change_count),
    eventCount: Number(row.event_count),
    createdAt: isoFromMs(row.created_at_ms),
    deliveredAt: row.delivered_at_ms === null ? null : isoFromMs(row.delivered_at_ms),
  };
}

function attemptView(row: AttemptRow): RebuildAttemptView {
  return {
    attempt: Number(row.attempt),
    attemptedAt: isoFromMs(row.attempted_at_ms),
    status: optionalNumber(row.status),
    latencyMs: Number(row.latency_ms),
    outcome: row.outcome,
    error: row.error,
  };
}

const countOf = async (query: ReturnType<Knex>): Promise<number> => {
  const [row] = (await query.count({ count: '*' })) as Array<{ count: DbNumber }>;
  return Number(row.count);
};

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

/** For `whereNotExists` on targets `t`: a pending delivery, or a cancelled one whose request is still in flight, holds the target's next one back. */
const heldBack = (db: Knex, now: number) =>
  function pendingDelivery(this: ReturnType<Knex>) {
    this.select(db.raw('1'))
      .from(`${REBUILD_DELIVERIES_TABLE} as d`)
      .whereRaw('d.target_id = t.id')
      .andWhere((held) => held.where('d.status', 'pending').orWhere((sending) => sending.where('d.status', 'cancelled').andWhere('d.leased_until_ms', '>=', now)));
  };

export async function findDelivery(db: Knex, id: number): Promise<DeliveryRow | undefined> {
  return db(REBUILD_DELIVERIES_TABLE).where('id', id).first();
}

/** The newest deliveries, newest first. */
export async function newestDeliveries(db: Knex, limit: number): Promise<RebuildDeliveryView[]> {
  const rows: DeliveryRow[] = await db(REBUILD_DELIVERIES_TABLE).orderBy('id', 'desc').limit(limit);
  return rows.map(deliveryView);
}

/** A target's newest delivery, its deliveries being retried, and those failed for good that nothing carried. */
export async function deliveryHealth(db: Knex, targetId: number): Promise<Omit<RebuildTargetHealth, 'target'>> {
  const deliveries = () => db(REBUILD_DELIVERIES_TABLE).where('target_id', targetId);
  const newest: DeliveryRow | undefined = await deliveries().orderBy('id', 'desc').first();
  const retrying = await countOf(deliveries().where('status', 'pending').where('attempts', '>', 0));
  const givenUp = await countOf(deliveries().where('status', 'failed').whereNull('carried_by_id'));
  return { lastDelivery: newest ? deliveryView(newest) : null, retrying, givenUp };
}

/** A delivery's attempts, in order. */
export async function attemptsOfDelivery(db: Knex, deliveryId: number): Promise<RebuildAttemptView[]> {
  const rows: AttemptRow[] = await db(REBUILD_ATTEMPTS_TABLE).where('delivery_id', deliveryId).orderBy('attempt');
  return rows.map(attemptView);
}

/** The first delivery of a target after `sequence` in its stream, if any. */
export async function laterDeliveryOfTarget(db: Knex, targetId: number, sequence: number): Promise<{ sequence: DbNumber } | undefined> {
  return db(REBUILD_DELIVERIES_TABLE).where('target_id', targetId).andWhere('sequence', '>', sequence).orderBy('sequence').first('sequence');
}

/**
 * Makes an undelivered delivery due now with `payload`, in one conditional write: not if it was
 * carried, nor if its target has a later delivery. Returns how many rows it reopened (0 or 1).
 */
export async function reopenDelivery(db: Knex, delivery: Pick<DeliveryRow, 'id' | 'target_id' | 'sequence'>, payload: string, now: number): Promise<number> {
  return db(REBUILD_DELIVERIES_TABLE)
    .where('id', delivery.id)
    .whereNot('status', 'delivered')
    .andWhere((open) => open.whereNull('carried_by_id').orWhere('carried_by_id', 0))
    .whereNotExists(
      db(`${REBUILD_DELIVERIES_TABLE} as later`)
        .select(db.raw('1'))
        .where('later.target_id', delivery.target_id)
        .andWhere('later.sequence', '>', Number(delivery.sequence ?? 0))
    )
    .update({ status: 'pending', next_attempt_at_ms: now, finished_at_ms: null, carried_by_id: null, payload });
}

/**
 * Cancels a target's pending delivery: it is disabled or gone. A cancelled delivery stays owed, so
 * a target enabled again gets it (and the events recorded meanwhile) in its next delivery.
 */
export async function cancelPendingDelivery(db: Knex, targetId: number, reason: string, now: number): Promise<void> {
  // The lease stays: a request in flight records its answer, and nothing newer goes out before it.
  await db(REBUILD_DELIVERIES_TABLE).where({ target_id: targetId, status: 'pending' }).update({ status: 'cancelled', last_error: reason, finished_at_ms: now });
}

/** Each enabled target with outbox events and nothing held back: the times of its first and last event. */
export async function queuedEventSpans(db: Knex, now: number): Promise<Array<{ targetId: number; firstMs: number; lastMs: number }>> {
  const groups: Array<{ target_id: DbNumber; first: DbNumber; last: DbNumber }> = await db(`${REBUILD_EVENTS_TABLE} as e`)
    .join(`${REBUILD_TARGETS_TABLE} as t`, 't.id', 'e.target_id')
    .where('t.enabled', true)
    .whereNotExists(heldBack(db, now))
    .groupBy('e.target_id')
    .select('e.target_id')
    .min({ first: 'e.created_at_ms' })
    .max({ last: 'e.created_at_ms' });
  return groups.map((group) => ({ targetId: Number(group.target_id), firstMs: Number(group.first), lastMs: Number(group.last) }));
}

/** Enabled targets with nothing held back that are owed a delivery at once: a full rebuild, or cancelled deliveries to make good. */
export async function targetsOwedADelivery(db: Knex, now: number): Promise<number[]> {
  const rows: Array<{ id: DbNumber }> = await db(`${REBUILD_TARGETS_TABLE} as t`)
    .where('t.enabled', true)
    .whereNotExists(heldBack(db, now))
    .andWhere((query) =>
      query.where('t.resync_owed', true).orWhereExists(function cancelledDelivery(this: ReturnType<Knex>) {
        this.select(db.raw('1'))
          .from(`${REBUILD_DELIVERIES_TABLE} as c`)
          .whereRaw('c.target_id = t.id')
          .andWhere('c.status', 'cancelled')
          .whereNull('c.carried_by_id')
          .andWhere((free) => free.whereNull('c.leased_until_ms').orWhere('c.leased_until_ms', '<', now));
      })
    )
    .select('t.id');
  return rows.map((row) => Number(row.id));
}

/** The deliveries a target's next one must carry, in stream order. */
export async function owedDeliveries(db: Knex, targetId: number, now: number): Promise<DeliveryRow[]> {
  return owedBy(db(REBUILD_DELIVERIES_TABLE), targetId, now).orderBy('sequence').orderBy('id');
}

/** Marks these deliveries carried by `carrierId` if they are still owed; returns how many were. */
export async function markCarried(db: Knex, targetId: number, ids: number[], carrierId: number, now: number): Promise<number> {
  return owedBy(db(REBUILD_DELIVERIES_TABLE), targetId, now).whereIn('id', ids).update({ carried_by_id: carrierId });
}

/** The highest sequence among a target's deliveries; 0 when it has none. */
export async function lastSequence(db: Knex, targetId: number): Promise<number> {
  const last = (await db(REBUILD_DELIVERIES_TABLE).where('target_id', targetId).max({ sequence: 'sequence' }).first()) as { sequence: DbNumber | null } | undefined;
  return Number(last?.sequence ?? 0);
}

/** Stores a pending delivery, due now; returns its id. */
export async function insertDelivery(db: Knex, delivery: NewDelivery, now: number): Promise<number> {
  const [inserted] = await db(REBUILD_DELIVERIES_TABLE)
    .insert({
      webhook_id: delivery.webhookId,
      target_id: delivery.targetId,
      target_url: delivery.targetUrl,
      sequence: delivery.sequence,
      resync: delivery.resync,
      status: 'pending',
      payload: delivery.payload,
      change_count: delivery.changeCount,
      event_count: delivery.eventCount,
      attempts: 0,
      next_attempt_at_ms: now,
      created_at_ms: now,
    })
    .returning('id');
  return insertedId(inserted);
}

/** Pending deliveries of enabled targets that are due and not leased, earliest first. */
export async function dueDeliveryIds(db: Knex, now: number, limit: number): Promise<number[]> {
  const rows: Array<{ id: DbNumber }> = await db(`${REBUILD_DELIVERIES_TABLE} as d`)
    .join(`${REBUILD_TARGETS_TABLE} as t`, 't.id', 'd.target_id')
    .where('d.status', 'pending')
    .andWhere('t.enabled', true)
    .andWhere('d.next_attempt_at_ms', '<=', now)
    .andWhere((query) => query.whereNull('d.leased_until_ms').orWhere('d.leased_until_ms', '<', now))
    .orderBy('d.next_attempt_at_ms')
    .limit(limit)
    .select('d.id');
  return rows.map((row) => Number(row.id));
}

/**
 * Leases a delivery to `owner` until `untilMs` if it is pending and its lease is free: true when
 * this call won it (the conditional UPDATE is the claim; of two instances, one sees a row updated).
 */
export async function leasePendingDelivery(db: Knex, id: number, owner: string, now: number, untilMs: number): Promise<boolean> {
  const updated = await db(REBUILD_DELIVERIES_TABLE)
    .where({ id, status: 'pending' })
    .andWhere((query) => query.whereNull('leased_until_ms').orWhere('leased_until_ms', '<', now))
    .update({ lease_owner: owner, leased_until_ms: untilMs });
  return updated === 1;
}

export async function releaseLease(db: Knex, lease: HeldLease): Promise<void> {
  await db(REBUILD_DELIVERIES_TABLE).where({ id: lease.deliveryId, lease_owner: lease.owner }).update({ lease_owner: null, leased_until_ms: null });
}

/** A delivery with its target's URL and whether the target is enabled, as they are now. */
export async function deliveryToSend(db: Knex, id: number): Promise<(DeliveryRow & { url: string; enabled: DbBoolean }) | undefined> {
  return db(`${REBUILD_DELIVERIES_TABLE} as d`).join(`${REBUILD_TARGETS_TABLE} as t`, 't.id', 'd.target_id').where('d.id', id).select('d.*', 't.url', 't.enabled').first();
}

export async function recordAttempt(db: Knex, attempt: AttemptRecord): Promise<void> {
  await db(REBUILD_ATTEMPTS_TABLE).insert({
    delivery_id: attempt.deliveryId,
    attempt: attempt.attempt,
    attempted_at_ms: attempt.attemptedAt.getTime(),
    status: attempt.status,
    latency_ms: attempt.latencyMs,
    outcome: attempt.outcome,
    error: attempt.error,
  });
}

/** Writes an attempt's answer and gives the lease back; false when the lease was no longer this owner's. */
async function settle(db: Knex, lease: HeldLease, answer: AttemptAnswer, fields: Record<string, unknown>): Promise<boolean> {
  const updated = await db(REBUILD_DELIVERIES_TABLE)
    .where({ id: lease.deliveryId, lease_owner: lease.owner })
    .update({ attempts: answer.attempt, last_status: answer.status, last_error: answer.error, target_url: answer.targetUrl, lease_owner: null, leased_until_ms: null, ...fields });
  return updated === 1;
}

export function markDelivered(db: Knex, lease: HeldLease, answer: AttemptAnswer, at: number): Promise<boolean> {
  return settle(db, lease, answer, { status: 'delivered', delivered_at_ms: at, finished_at_ms: at });
}

export function scheduleRetry(db: Knex, lease: HeldLease, answer: AttemptAnswer, dueAtMs: number, delayMs: number): Promise<boolean> {
  return settle(db, lease, answer, { next_attempt_at_ms: dueAtMs, last_delay_ms: delayMs });
}

export function markFailed(db: Knex, lease: HeldLease, answer: AttemptAnswer, at: number): Promise<boolean> {
  return settle(db, lease, answer, { status: 'failed', finished_at_ms: at });
}

export function markCancelled(db: Knex, lease: HeldLease, answer: AttemptAnswer, at: number): Promise<boolean> {
  return settle(db, lease, answer, { status: 'cancelled', finished_at_ms: at });
}

/** When the next pending delivery of an enabled target becomes sendable (its retry time, or when a lease on it ends). */
export async function nextDeliveryDueMs(db: Knex): Promise<number | null> {
  const row = (await db(`${REBUILD_DELIVERIES_TABLE} as d`)
    .join(`${REBUILD_TARGETS_TABLE} as t`, 't.id', 'd.target_id')
    .where('d.status', 'pending')
    .andWhere('t.enabled', true)
    .select(db.raw('MIN(CASE WHEN d.leased_until_ms > d.next_attempt_at_ms THEN d.leased_until_ms ELSE d.next_attempt_at_ms END) AS due'))
    .first()) as { due: DbNumber | null } | undefined;
  return row?.due === null || row?.due === undefined ? null : Number(row.due);
}

/** Owes a full rebuild to each target with an outbox event, or an undelivered delivery finished, before `beforeMs`. */
export async function oweResyncForChangesBefore(db: Knex, beforeMs: number): Promise<void> {
  const lostEvents = db(REBUILD_EVENTS_TABLE).distinct('target_id').where('created_at_ms', '<', beforeMs);
  const lostDeliveries = db(REBUILD_DELIVERIES_TABLE)
    .distinct('target_id')
    .whereIn('status', ['failed', 'cancelled'])
    .whereNull('carried_by_id')
    .andWhere('finished_at_ms', '<', beforeMs);
  await db(REBUILD_TARGETS_TABLE).whereIn('id', lostEvents).orWhereIn('id', lostDeliveries).update({ resync_owed: true });
}

/** Deletes deliveries finished before `beforeMs`, and their attempts, but each target's newest, so its sequence goes on. */
export async function deleteDeliveriesFinishedBefore(db: Knex, beforeMs: number): Promise<void> {
  const old = () =>
    db(REBUILD_DELIVERIES_TABLE)
      .whereNot('status', 'pending')
      .andWhere('finished_at_ms', '<', beforeMs)
      .whereNotIn('id', db(REBUILD_DELIVERIES_TABLE).max('id').groupBy('target_id'));
  await db(REBUILD_ATTEMPTS_TABLE).whereIn('delivery_id', old().select('id')).delete();
  await old().delete();
}
