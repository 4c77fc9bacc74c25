import type { RebuildAction, RebuildEvent } from '../rebuild';
import type { RebuildTargetView } from '../rebuild/target-views';
import type { Knex } from './connection';
import { chunks, insertedId, INSERT_CHUNK, isoFromMs, LOOKUP_CHUNK, type DbBoolean, type DbNumber } from './stored-values';
import { REBUILD_EVENTS_TABLE, REBUILD_TARGETS_TABLE } from './tables';

/*
 * The rebuild targets and their outbox events. Times are stored as epoch milliseconds in BIGINT
 * columns: SQLite and PostgreSQL then compare, sort and return them the same way (PostgreSQL
 * returns BIGINT as a string, hence the Number() calls).
 */

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

interface EventRow {
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

/** A change to record: an outbox event before it is written. */
export type RebuildChangeInput = Omit<RebuildEvent, 'id' | 'createdAt'>;

export function targetView(row: TargetRow): RebuildTargetView {
  return {
    id: Number(row.id),
    url: row.url,
    enabled: Boolean(row.enabled),
    source: row.source === 'env' ? 'env' : 'admin',
    disabledReason: row.enabled ? null : row.disabled_reason,
    resyncOwed: Boolean(row.resync_owed),
    createdAt: isoFromMs(row.created_at_ms),
    updatedAt: isoFromMs(row.updated_at_ms),
  };
}

/** An outbox event: a change as a payload lists it, with the id of its row. */
export type OutboxEvent = RebuildEvent & { id: number };

const toOutboxEvent = (row: EventRow): OutboxEvent => ({
  id: Number(row.id),
  type: row.type,
  documentId: row.document_id,
  slug: row.slug,
  action: row.action as RebuildAction,
  railVersion: row.rail_version === null ? null : Number(row.rail_version),
  ...(row.type === 'article' ? { category: row.category_slug, previousCategory: row.previous_category_slug } : {}),
  createdAt: isoFromMs(row.created_at_ms),
});

export async function findTarget(db: Knex, id: number): Promise<TargetRow | undefined> {
  return db(REBUILD_TARGETS_TABLE).where('id', id).first();
}

/** Every target, oldest first. */
export async function allTargets(db: Knex): Promise<RebuildTargetView[]> {
  const rows: TargetRow[] = await db(REBUILD_TARGETS_TABLE).orderBy('id');
  return rows.map(targetView);
}

export async function allTargetIds(db: Knex): Promise<number[]> {
  const rows: Array<{ id: DbNumber }> = await db(REBUILD_TARGETS_TABLE).select('id');
  return rows.map((row) => Number(row.id));
}

/** An enabled target's URL and whether it is owed a full rebuild; undefined when it is disabled or gone. */
export async function enabledTarget(db: Knex, id: number): Promise<Pick<TargetRow, 'url' | 'resync_owed'> | undefined> {
  return db(REBUILD_TARGETS_TABLE).select('url', 'resync_owed').where({ id, enabled: true }).first();
}

/** Adds a target of REBUILD_WEBHOOK_URLS, enabled, unless a target has its URL already. */
export async function addConfiguredTarget(db: Knex, url: string, now: number): Promise<void> {
  await db(REBUILD_TARGETS_TABLE).insert({ url, enabled: true, source: 'env', created_at_ms: now, updated_at_ms: now }).onConflict('url').ignore();
}

/** Enabled targets of REBUILD_WEBHOOK_URLS whose URL is no longer among `urls`. */
export async function configuredTargetsNotIn(db: Knex, urls: string[]): Promise<TargetRow[]> {
  return db(REBUILD_TARGETS_TABLE).where({ source: 'env', enabled: true }).whereNotIn('url', urls);
}

/** Enables the target with this URL again if it was disabled for `reason`. */
export async function enableTargetDisabledFor(db: Knex, url: string, reason: string, now: number): Promise<void> {
  await db(REBUILD_TARGETS_TABLE).where({ url, enabled: false, disabled_reason: reason }).update({ enabled: true, disabled_reason: null, updated_at_ms: now });
}

export async function disableTarget(db: Knex, id: number, reason: string | null, now: number): Promise<void> {
  await db(REBUILD_TARGETS_TABLE).where('id', id).update({ enabled: false, disabled_reason: reason, updated_at_ms: now });
}

/** Adds a target from the admin; returns its id. */
export async function insertAdminTarget(db: Knex, target: { url: string; enabled: boolean; disabledReason: string | null }, now: number): Promise<number> {
  const [inserted] = await db(REBUILD_TARGETS_TABLE)
    .insert({ url: target.url, enabled: target.enabled, source: 'admin', disabled_reason: target.disabledReason, created_at_ms: now, updated_at_ms: now })
    .returning('id');
  return insertedId(inserted);
}

export async function editTarget(db: Knex, id: number, edit: { url: string; enabled: boolean; disabledReason: string | null }, now: number): Promise<void> {
  await db(REBUILD_TARGETS_TABLE).where('id', id).update({ url: edit.url, enabled: edit.enabled, disabled_reason: edit.disabledReason, updated_at_ms: now });
}

/** Deletes a target's row; returns how many rows went (0: there was none). */
export async function deleteTargetRow(db: Knex, id: number): Promise<number> {
  return Number(await db(REBUILD_TARGETS_TABLE).where('id', id).delete());
}

export async function clearResyncOwed(db: Knex, id: number): Promise<void> {
  await db(REBUILD_TARGETS_TABLE).where('id', id).update({ resync_owed: false });
}

/** Writes every change as an outbox event of every target given; returns how many rows it wrote. */
export async function insertChangeEvents(db: Knex, targetIds: number[], changes: RebuildChangeInput[], createdAtMs: number): Promise<number> {
  const rows = targetIds.flatMap((targetId) =>
    changes.map((change) => ({
      target_id: targetId,
      type: change.type,
      document_id: change.documentId,
      slug: change.slug === null ? null : change.slug.slice(0, 255),
      action: change.action,
      rail_version: change.railVersion ?? null,
      category_slug: change.category ?? null,
      previous_category_slug: change.previousCategory ?? null,
      created_at_ms: createdAtMs,
    }))
  );
  for (const chunk of chunks(rows, INSERT_CHUNK)) await db(REBUILD_EVENTS_TABLE).insert(chunk);
  return rows.length;
}

/** A target's oldest outbox events, at most `limit`, oldest first. */
export async function oldestEventsOfTarget(db: Knex, targetId: number, limit: number): Promise<OutboxEvent[]> {
  const rows: EventRow[] = await db(REBUILD_EVENTS_TABLE).where('target_id', targetId).orderBy('id').limit(limit);
  return rows.map(toOutboxEvent);
}

/** Deletes these outbox events; returns how many were still there. */
export async function deleteEvents(db: Knex, ids: number[]): Promise<number> {
  let deleted = 0;
  for (const chunk of chunks(ids, LOOKUP_CHUNK)) deleted += await db(REBUILD_EVENTS_TABLE).whereIn('id', chunk).delete();
  return deleted;
}

/** Deletes a target's outbox events up to and including `lastId`; returns how many. */
export async function deleteEventsThrough(db: Knex, targetId: number, lastId: number): Promise<number> {
  return db(REBUILD_EVENTS_TABLE).where('target_id', targetId).andWhere('id', '<=', lastId).delete();
}

export async function deleteEventsOfTarget(db: Knex, targetId: number): Promise<void> {
  await db(REBUILD_EVENTS_TABLE).where('target_id', targetId).delete();
}

export async function deleteEventsBefore(db: Knex, beforeMs: number): Promise<void> {
  await db(REBUILD_EVENTS_TABLE).where('created_at_ms', '<', beforeMs).delete();
}
