import type { Core } from '@strapi/strapi';
import {
  attemptsOfDelivery,
  cancelPendingDelivery,
  deliveryHealth,
  deliveryView,
  findDelivery,
  laterDeliveryOfTarget,
  newestDeliveries,
  reopenDelivery,
  type DeliveryRow,
} from '../persistence/rebuild-deliveries';
import {
  addConfiguredTarget,
  allTargetIds,
  allTargets,
  configuredTargetsNotIn,
  deleteEventsOfTarget,
  deleteTargetRow,
  disableTarget,
  editTarget,
  enableTargetDisabledFor,
  findTarget,
  insertAdminTarget,
  insertChangeEvents,
  targetView,
  type RebuildChangeInput,
  type TargetRow,
} from '../persistence/rebuild-targets';
import { runInTransaction, isUniqueViolation, withConnection } from '../persistence/connection';
import { parseTargets, resolveRebuildConfig, DEV_REBUILD_WEBHOOK_SECRET, type RebuildConfig, type RebuildConfigInput } from '../rebuild';
import { REMOVED_FROM_ENV, type RebuildAttemptView, type RebuildDeliveryView, type RebuildTargetHealth, type RebuildTargetView } from '../rebuild/target-views';
import { getPluginService, PLUGIN_ID } from '../utils/plugin';
import type { DispatchPassSummary } from './rebuild-dispatcher';

export type { RebuildAttemptView, RebuildDeliveryView, RebuildTargetView } from '../rebuild/target-views';
export type { DispatchPassSummary } from './rebuild-dispatcher';

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
  const dispatcher = () => getPluginService(strapi, 'rebuildDispatcher');
  // One statement each, on the caller's transaction when there is one.
  const storedTarget = (id: number) => withConnection(strapi, (db) => findTarget(db, id));
  const storedDelivery = (id: number) => withConnection(strapi, (db) => findDelivery(db, id));

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
        await withConnection(strapi, async (db) => {
          await addConfiguredTarget(db, url, now);
          await enableTargetDisabledFor(db, url, REMOVED_FROM_ENV, now);
        });
      }
      const leftEnv = await withConnection(strapi, (db) => configuredTargetsNotIn(db, urls));
      for (const target of leftEnv) {
        await runInTransaction(strapi, async (db) => {
          await disableTarget(db, Number(target.id), REMOVED_FROM_ENV, now);
          await cancelPendingDelivery(db, Number(target.id), REMOVED_FROM_ENV, Date.now());
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
      const written = await runInTransaction(strapi, async (db) => insertChangeEvents(db, await allTargetIds(db), changes, createdAtMs));
      strapi.log.debug(`[newsroom] rebuild: ${changes.length} change(s) recorded as ${written} outbox event(s)`);
    },

    async listTargets(): Promise<RebuildTargetView[]> {
      return withConnection(strapi, allTargets);
    },

    /** Changes the fields given of a target; the others keep their values. */
    async updateTarget(changes: { id: number | string; url?: string; enabled?: boolean }): Promise<RebuildTargetView> {
      const existing = await storedTarget(rowId(changes.id, 'target'));
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
          const created = { url, enabled: input.enabled, disabledReason: input.enabled ? null : 'disabled in the admin' };
          const id = await withConnection(strapi, (db) => insertAdminTarget(db, created, now));
          return targetView((await storedTarget(id)) as TargetRow);
        }
        const id = rowId(input.id, 'target');
        const existing = await storedTarget(id);
        if (!existing) throw new RebuildAdminError('not-found', `no rebuild target ${input.id}`);
        const disabling = Boolean(existing.enabled) && !input.enabled;
        const disabledReason = input.enabled ? null : disabling ? 'disabled in the admin' : existing.disabled_reason;
        await runInTransaction(strapi, async (db) => {
          await editTarget(db, id, { url, enabled: input.enabled, disabledReason }, now);
          if (disabling) await cancelPendingDelivery(db, id, 'target disabled in the admin', Date.now());
        });
        if (input.enabled && !existing.enabled) dispatcher().wake();
        return targetView((await storedTarget(id)) as TargetRow);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new RebuildAdminError('conflict', `a rebuild target with the URL ${url} already exists`);
        }
        throw error;
      }
    },

    async deleteTarget(targetId: number | string): Promise<{ deleted: boolean }> {
      const id = rowId(targetId, 'target');
      const deleted = await runInTransaction(strapi, async (db) => {
        await cancelPendingDelivery(db, id, 'target deleted', Date.now());
        await deleteEventsOfTarget(db, id);
        return deleteTargetRow(db, id);
      });
      return { deleted: deleted > 0 };
    },

    async listDeliveries({ limit = 50 }: { limit?: number } = {}): Promise<RebuildDeliveryView[]> {
      const bounded = Math.min(Math.max(Math.trunc(Number(limit)) || 50, 1), 500);
      return withConnection(strapi, (db) => newestDeliveries(db, bounded));
    },

    /** Each target's newest delivery, and what is going wrong: deliveries retrying, and changes given up on. */
    async targetHealth(): Promise<RebuildTargetHealth[]> {
      const targets = await this.listTargets();
      return Promise.all(
        targets.map(async (target) => ({ target, ...(await withConnection(strapi, (db) => deliveryHealth(db, target.id))) }))
      );
    },

    /** The full delivery record: the view plus the exact payload sent. */
    async getDelivery(id: number | string): Promise<(RebuildDeliveryView & { payload: unknown }) | null> {
      const row = await storedDelivery(rowId(id, 'delivery'));
      return row ? { ...deliveryView(row), payload: JSON.parse(row.payload) as unknown } : null;
    },

    async listAttempts(deliveryId: number | string): Promise<RebuildAttemptView[]> {
      const id = rowId(deliveryId, 'delivery');
      return withConnection(strapi, (db) => attemptsOfDelivery(db, id));
    },

    /**
     * Makes a delivery due now, with the same webhook-id and sequence (a failed or cancelled one
     * gets one more attempt before it fails again). Refused for a delivered one; for one whose
     * changes a later delivery already carried (sending it now would put an old state after a
     * newer one); for a target that is disabled or gone; and while the target has another
     * pending delivery.
     */
    async retryNow(deliveryId: number | string): Promise<RebuildDeliveryView> {
      const row = await storedDelivery(rowId(deliveryId, 'delivery'));
      if (!row) throw new RebuildAdminError('not-found', `no rebuild delivery ${deliveryId}`);
      if (row.status === 'delivered') throw new RebuildAdminError('conflict', 'this delivery was already delivered');
      const superseded = async () => {
        const carrier = Number(row.carried_by_id) > 0 ? await storedDelivery(Number(row.carried_by_id)) : undefined;
        const newer = await withConnection(strapi, (db) => laterDeliveryOfTarget(db, Number(row.target_id), Number(row.sequence ?? 0)));
        const by = carrier ?? newer;
        return by ? new RebuildAdminError('conflict', `superseded: its changes went out again with delivery #${by.sequence} to this target`) : null;
      };
      const refusal = await superseded();
      if (refusal) throw refusal;
      const target = await storedTarget(Number(row.target_id));
      if (!target) throw new RebuildAdminError('conflict', 'the target of this delivery was deleted');
      if (!target.enabled) throw new RebuildAdminError('conflict', 'the target of this delivery is disabled; enable it first');
      let reopened: number;
      try {
        // One conditional write: a later delivery formed since the checks above wins, and this one stays closed.
        reopened = await withConnection(strapi, (db) => reopenDelivery(db, row, numberedPayload(row), Date.now()));
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new RebuildAdminError('conflict', 'the target has another pending delivery; retry that one');
        }
        throw error;
      }
      if (reopened === 0) throw (await superseded()) ?? new RebuildAdminError('conflict', 'this delivery was already delivered');
      dispatcher().wake();
      return deliveryView((await storedDelivery(Number(row.id))) as DeliveryRow);
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
