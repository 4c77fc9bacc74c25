import type { Core } from '@strapi/strapi';
import { REBUILD_ATTEMPTS_TABLE, REBUILD_DELIVERIES_TABLE, REBUILD_EVENTS_TABLE, REBUILD_TARGETS_TABLE } from '../persistence/tables';
import { isUniqueViolation } from '../utils/db';
import { parseTargets, resolveRebuildConfig, DEV_REBUILD_WEBHOOK_SECRET, type RebuildConfig, type RebuildConfigInput, type RebuildEvent } from '../rebuild';
import {
  attemptView,
  deliveryView,
  REMOVED_FROM_ENV,
  targetView,
  type AttemptRow,
  type DeliveryRow,
  type RebuildAttemptView,
  type RebuildDeliveryView,
  type RebuildTargetHealth,
  type RebuildTargetView,
  type TargetRow,
} from '../rebuild/tables';
import { getPluginService, PLUGIN_ID } from '../utils/plugin';
import type { DispatchPassSummary } from './rebuild-dispatcher';

export type { RebuildAttemptView, RebuildDeliveryView, RebuildTargetView } from '../rebuild/tables';
export type { DispatchPassSummary } from './rebuild-dispatcher';

/** One published change, as the notify middleware and the rail service report it. */
/** A change to record: an outbox event before it is written. */
export type RebuildChangeInput = Omit<RebuildEvent, 'id' | 'createdAt'>;

/**
 * Why an admin operation was refused; `code` maps to an HTTP answer (invalid: 400, not-found: 404,
 * conflict: 409) and `message` is safe to show.
 */
export class RebuildAdminError extends Error {
  constructor(readonly code: 'invalid' | 'not-found' | 'conflict', message: string) {
    super(message);
    this.name = 'RebuildAdminError';
  }
}

type Knex = Core.Strapi['db']['connection'];

const INSERT_CHUNK = 200;

/** A delivery's body with its place in the stream (one formed before deliveries were numbered has none). */
function numberedPayload(row: DeliveryRow): string {
  const payload = JSON.parse(row.payload) as { sequence?: number; resync?: boolean };
  if (payload.sequence !== undefined) return row.payload;
  return JSON.stringify({ ...payload, sequence: Number(row.sequence), resync: false });
}

/** Row ids are integers; an id from a route may arrive as a string. Anything else names no row. */
function rowId(value: number | string, what: string): number {
  const id = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new RebuildAdminError('not-found', `no rebuild ${what} ${String(value)}`);
  return id;
}

/**
 * Rebuild webhooks: the outbox, the targets, and the admin's view of deliveries. The dispatcher
 * that sends them is the `rebuildDispatcher` service (services/rebuild-dispatcher.ts).
 *
 * Admin page interface. Ids may be numbers or digit strings. Refusals throw RebuildAdminError
 * (code 'invalid' → 400, 'not-found' → 404, 'conflict' → 409; the message is safe to show):
 * - listTargets(): RebuildTargetView[]            { id, url, enabled, source: 'env'|'admin', disabledReason, createdAt, updatedAt }
 * - saveTarget({ id?, url, enabled }): RebuildTargetView   creates (no id) or edits; the URL is checked like REBUILD_WEBHOOK_URLS
 * - deleteTarget(id): { deleted: boolean }        its queued events go and its pending delivery is cancelled
 *   (disabling keeps both owed: a target enabled again gets what it missed in its next delivery)
 * - listDeliveries({ limit? = 50 }): RebuildDeliveryView[], newest first
 * - targetHealth(): RebuildTargetHealth[]           each target with its newest delivery, how many are retrying, and how many
 *                                                 failed for good with nothing carrying their changes
 *     { id, webhookId, targetId, targetUrl, sequence, resync, carriedById, status: 'pending'|'delivered'|'failed'|'cancelled', attempts,
 *       lastStatus, lastError, nextAttemptAt (ISO, null unless pending), changeCount, eventCount, createdAt, deliveredAt }
 * - getDelivery(id): RebuildDeliveryView & { payload } | null   the exact JSON body sent
 * - listAttempts(deliveryId): RebuildAttemptView[] { attempt, attemptedAt, status, latencyMs, outcome, error }, in order
 * - retryNow(deliveryId): RebuildDeliveryView     due now; a failed or cancelled one is reopened (same webhook-id
 *                                                 and sequence) unless a later delivery superseded it
 * - dispatchNow(): DispatchPassSummary            { batchesFormed, attempted, delivered, retrying, failed, targetsDisabled, nextDueAt }
 */
const rebuildService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  const dispatcher = () => getPluginService(strapi, 'rebuildDispatcher');

  const findTarget = async (id: number): Promise<TargetRow | undefined> => knex()(REBUILD_TARGETS_TABLE).where('id', id).first();
  const findDelivery = async (id: number): Promise<DeliveryRow | undefined> => knex()(REBUILD_DELIVERIES_TABLE).where('id', id).first();

  /**
   * Cancels a target's pending delivery: it is disabled or gone. A cancelled delivery stays owed, so
   * a target enabled again gets it (and the events recorded meanwhile) in its next delivery.
   */
  async function cancelPending(db: Knex, targetId: number, reason: string): Promise<void> {
    // The lease stays: a request in flight records its answer, and nothing newer goes out before it.
    await db(REBUILD_DELIVERIES_TABLE)
      .where({ target_id: targetId, status: 'pending' })
      .update({ status: 'cancelled', last_error: reason, finished_at_ms: Date.now() });
  }

  function validUrl(url: unknown): string {
    if (typeof url !== 'string' || url.trim() === '') throw new RebuildAdminError('invalid', 'url is required');
    let parsed: ReturnType<typeof parseTargets>;
    try {
      parsed = parseTargets(url.trim());
    } catch (error) {
      throw new RebuildAdminError('invalid', (error as Error).message.replace(/^REBUILD_WEBHOOK_URLS: /, ''));
    }
    if (parsed.length !== 1) throw new RebuildAdminError('invalid', 'url must be exactly one http(s) URL');
    return parsed[0].url;
  }

  return {
    /** Resolved on every call (the dispatcher's passes too), so a changed setting applies at the next pass. */
    config(): RebuildConfig {
      return resolveRebuildConfig((strapi.config.get(`plugin::${PLUGIN_ID}.rebuild`) ?? {}) as RebuildConfigInput);
    },


    /**
     * Upserts the targets of REBUILD_WEBHOOK_URLS: new ones are added enabled; ones disabled in the
     * admin or by a 410 stay disabled; env targets that left the variable are disabled (and enabled
     * again if they return).
     */
    async syncConfiguredTargets(): Promise<void> {
      const { urls, secret } = this.config();
      const now = Date.now();
      for (const url of urls) {
        await knex()(REBUILD_TARGETS_TABLE)
          .insert({ url, enabled: true, source: 'env', created_at_ms: now, updated_at_ms: now })
          .onConflict('url')
          .ignore();
        await knex()(REBUILD_TARGETS_TABLE)
          .where({ url, enabled: false, disabled_reason: REMOVED_FROM_ENV })
          .update({ enabled: true, disabled_reason: null, updated_at_ms: now });
      }
      const leftEnv: TargetRow[] = await knex()(REBUILD_TARGETS_TABLE).where({ source: 'env', enabled: true }).whereNotIn('url', urls);
      for (const target of leftEnv) {
        await knex().transaction(async (trx) => {
          await trx(REBUILD_TARGETS_TABLE).where('id', target.id).update({ enabled: false, disabled_reason: REMOVED_FROM_ENV, updated_at_ms: now });
          await cancelPending(trx as unknown as Knex, Number(target.id), REMOVED_FROM_ENV);
        });
      }
      const enabled = (await this.listTargets()).filter((target) => target.enabled);
      if (enabled.length > 0 && secret === DEV_REBUILD_WEBHOOK_SECRET) {
        strapi.log.warn(`[newsroom] rebuild webhooks are signed with the development secret "${DEV_REBUILD_WEBHOOK_SECRET}"; set REBUILD_WEBHOOK_SECRET`);
      }
    },

    /**
     * Writes published changes to the outbox, one row per target, disabled ones included (they get
     * what they missed when enabled again). Joins the caller's transaction when there is one (the
     * notify middleware's, the rail's), so a change that rolls back leaves no event and one that
     * commits always has its event. A target added later starts from its own first change.
     */
    async recordChanges(changes: RebuildChangeInput[]): Promise<void> {
      if (changes.length === 0) return;
      const createdAtMs = Date.now();
      const written = await strapi.db.transaction(async ({ trx }) => {
        const db = trx as unknown as Knex;
        const targets: Array<{ id: number | string }> = await db(REBUILD_TARGETS_TABLE).select('id');
        const rows = targets.flatMap((target) =>
          changes.map((change) => ({
            target_id: Number(target.id),
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
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db(REBUILD_EVENTS_TABLE).insert(rows.slice(i, i + INSERT_CHUNK));
        return rows.length;
      });
      strapi.log.debug(`[newsroom] rebuild: ${changes.length} change(s) recorded as ${written} outbox event(s)`);
    },

    async listTargets(): Promise<RebuildTargetView[]> {
      const rows: TargetRow[] = await knex()(REBUILD_TARGETS_TABLE).orderBy('id');
      return rows.map(targetView);
    },

    /** Changes the fields given of a target; the others keep their values. */
    async updateTarget(changes: { id: number | string; url?: string; enabled?: boolean }): Promise<RebuildTargetView> {
      const existing = await findTarget(rowId(changes.id, 'target'));
      if (!existing) throw new RebuildAdminError('not-found', `no rebuild target ${changes.id}`);
      return this.saveTarget({ id: changes.id, url: changes.url ?? existing.url, enabled: changes.enabled ?? Boolean(existing.enabled) });
    },

    /**
     * Creates a target (no id) or edits one. Disabling cancels its pending delivery, which stays
     * owed with the events recorded meanwhile; enabling clears the reason and sends what it missed.
     */
    async saveTarget(input: { id?: number | string; url: string; enabled: boolean }): Promise<RebuildTargetView> {
      const url = validUrl(input.url);
      if (typeof input.enabled !== 'boolean') throw new RebuildAdminError('invalid', 'enabled must be true or false');
      const now = Date.now();
      try {
        if (input.id === undefined || input.id === null) {
          const [created] = await knex()(REBUILD_TARGETS_TABLE)
            .insert({ url, enabled: input.enabled, source: 'admin', disabled_reason: input.enabled ? null : 'disabled in the admin', created_at_ms: now, updated_at_ms: now })
            .returning('id');
          const id = typeof created === 'object' ? Number((created as { id: number }).id) : Number(created);
          return targetView((await findTarget(id)) as TargetRow);
        }
        const id = rowId(input.id, 'target');
        const existing = await findTarget(id);
        if (!existing) throw new RebuildAdminError('not-found', `no rebuild target ${input.id}`);
        await knex().transaction(async (trx) => {
          const disabling = Boolean(existing.enabled) && !input.enabled;
          await trx(REBUILD_TARGETS_TABLE)
            .where('id', id)
            .update({
              url,
              enabled: input.enabled,
              disabled_reason: input.enabled ? null : disabling ? 'disabled in the admin' : existing.disabled_reason,
              updated_at_ms: now,
            });
          if (disabling) await cancelPending(trx as unknown as Knex, id, 'target disabled in the admin');
        });
        if (input.enabled && !existing.enabled) dispatcher().wake();
        return targetView((await findTarget(id)) as TargetRow);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new RebuildAdminError('conflict', `a rebuild target with the URL ${url} already exists`);
        }
        throw error;
      }
    },

    async deleteTarget(targetId: number | string): Promise<{ deleted: boolean }> {
      const id = rowId(targetId, 'target');
      const deleted = await knex().transaction(async (trx) => {
        await cancelPending(trx as unknown as Knex, id, 'target deleted');
        await trx(REBUILD_EVENTS_TABLE).where('target_id', id).delete();
        return Number(await trx(REBUILD_TARGETS_TABLE).where('id', id).delete());
      });
      return { deleted: deleted > 0 };
    },

    async listDeliveries({ limit = 50 }: { limit?: number } = {}): Promise<RebuildDeliveryView[]> {
      const bounded = Math.min(Math.max(Math.trunc(Number(limit)) || 50, 1), 500);
      const rows: DeliveryRow[] = await knex()(REBUILD_DELIVERIES_TABLE).orderBy('id', 'desc').limit(bounded);
      return rows.map(deliveryView);
    },

    /** Each target's newest delivery, and what is going wrong: deliveries retrying, and changes given up on. */
    async targetHealth(): Promise<RebuildTargetHealth[]> {
      const targets = await this.listTargets();
      return Promise.all(
        targets.map(async (target) => {
          const deliveries = () => knex()(REBUILD_DELIVERIES_TABLE).where('target_id', target.id);
          const newest: DeliveryRow | undefined = await deliveries().orderBy('id', 'desc').first();
          const [retrying] = await deliveries().where('status', 'pending').where('attempts', '>', 0).count({ count: '*' });
          const [givenUp] = await deliveries()
            .where('status', 'failed')
            .whereNull('carried_by_id')
            .count({ count: '*' });
          return {
            target,
            lastDelivery: newest ? deliveryView(newest) : null,
            retrying: Number(retrying.count),
            givenUp: Number(givenUp.count),
          };
        })
      );
    },

    /** The full delivery record: the view plus the exact payload sent. */
    async getDelivery(id: number | string): Promise<(RebuildDeliveryView & { payload: unknown }) | null> {
      const row = await findDelivery(rowId(id, 'delivery'));
      return row ? { ...deliveryView(row), payload: JSON.parse(row.payload) as unknown } : null;
    },

    async listAttempts(deliveryId: number | string): Promise<RebuildAttemptView[]> {
      const rows: AttemptRow[] = await knex()(REBUILD_ATTEMPTS_TABLE).where('delivery_id', rowId(deliveryId, 'delivery')).orderBy('attempt');
      return rows.map(attemptView);
    },

    /**
     * Makes a delivery due now, with the same webhook-id and sequence (a failed or cancelled one
     * gets one more attempt before it fails again). Refused for a delivered one; for one whose
     * changes a later delivery already carried (sending it now would put an old state after a
     * newer one); for a target that is disabled or gone; and while the target has another
     * pending delivery.
     */
    async retryNow(deliveryId: number | string): Promise<RebuildDeliveryView> {
      const row = await findDelivery(rowId(deliveryId, 'delivery'));
      if (!row) throw new RebuildAdminError('not-found', `no rebuild delivery ${deliveryId}`);
      if (row.status === 'delivered') throw new RebuildAdminError('conflict', 'this delivery was already delivered');
      const superseded = async () => {
        const carrier = Number(row.carried_by_id) > 0 ? await findDelivery(Number(row.carried_by_id)) : undefined;
        const newer = (await knex()(REBUILD_DELIVERIES_TABLE)
          .where('target_id', row.target_id)
          .andWhere('sequence', '>', Number(row.sequence ?? 0))
          .orderBy('sequence')
          .first('sequence')) as { sequence: number | string } | undefined;
        const by = carrier ?? newer;
        return by ? new RebuildAdminError('conflict', `superseded: its changes went out again with delivery #${by.sequence} to this target`) : null;
      };
      const refusal = await superseded();
      if (refusal) throw refusal;
      const target = await findTarget(Number(row.target_id));
      if (!target) throw new RebuildAdminError('conflict', 'the target of this delivery was deleted');
      if (!target.enabled) throw new RebuildAdminError('conflict', 'the target of this delivery is disabled; enable it first');
      let reopened: number;
      try {
        // One conditional write: a later delivery formed since the checks above wins, and this one stays closed.
        reopened = await knex()(REBUILD_DELIVERIES_TABLE)
          .where('id', row.id)
          .whereNot('status', 'delivered')
          .andWhere((open) => open.whereNull('carried_by_id').orWhere('carried_by_id', 0))
          .whereNotExists(
            knex()(`${REBUILD_DELIVERIES_TABLE} as later`)
              .select(knex().raw('1'))
              .where('later.target_id', row.target_id)
              .andWhere('later.sequence', '>', Number(row.sequence ?? 0))
          )
          .update({ status: 'pending', next_attempt_at_ms: Date.now(), finished_at_ms: null, carried_by_id: null, payload: numberedPayload(row) });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new RebuildAdminError('conflict', 'the target has another pending delivery; retry that one');
        }
        throw error;
      }
      if (reopened === 0) throw (await superseded()) ?? new RebuildAdminError('conflict', 'this delivery was already delivered');
      dispatcher().wake();
      return deliveryView((await findDelivery(Number(row.id))) as DeliveryRow);
    },

    /** One dispatcher pass now (after any pass in progress). */
    dispatchNow(): Promise<DispatchPassSummary> {
      return dispatcher().dispatchNow();
    },

    /** Bootstrap: tables, env targets, then the dispatcher loop. */
    async start(): Promise<void> {
      await this.syncConfiguredTargets();
      dispatcher().start();
    },

    /** Destroy: stops the dispatcher; pending deliveries stay in the database and resume on the next boot. */
    async stop(): Promise<void> {
      await dispatcher().stop();
    },
  };
};

export default rebuildService;
export type RebuildService = ReturnType<typeof rebuildService>;
