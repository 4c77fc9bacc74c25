import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { RebuildAdminError } from '../services/rebuild';
import { getPluginService } from '../utils/plugin';
import { parseIdentifier, parseTargetChanges, parseTargetRequest, parseWholeNumber } from './admin-requests';

type AdminContext = Context & { params: Record<string, unknown>; request: { body?: unknown } };

/**
 * Runs a rebuild admin operation and answers its refusal (RebuildAdminError, whose message is
 * safe to show) with the matching HTTP error; any other error propagates to Strapi's handler (500).
 */
async function answerRefusal(ctx: AdminContext, operation: () => Promise<void>): Promise<void> {
  try {
    await operation();
  } catch (error) {
    if (!(error instanceof RebuildAdminError)) throw error;
    if (error.code === 'invalid') return ctx.badRequest(error.message);
    if (error.code === 'not-found') return ctx.notFound(error.message);
    return ctx.conflict(error.message);
  }
}

const adminWebhooksController = ({ strapi }: { strapi: Core.Strapi }) => {
  const rebuild = () => getPluginService(strapi, 'rebuild');

  return {
    /** GET /newsroom/webhooks/targets */
    async listTargets(ctx: AdminContext) {
      ctx.body = { data: await rebuild().listTargets() };
    },

    /** POST /newsroom/webhooks/targets `{ url, enabled }` adds a target. */
    async createTarget(ctx: AdminContext) {
      const target = parseTargetRequest(ctx.request.body);
      if (!target.ok) return ctx.badRequest(target.reason);
      await answerRefusal(ctx, async () => {
        const saved = await rebuild().saveTarget(target.value);
        ctx.status = 201;
        ctx.body = { data: saved };
      });
    },

    /** PUT or PATCH /newsroom/webhooks/targets/:id `{ url?, enabled? }`: edits, enables or disables a target. */
    async updateTarget(ctx: AdminContext) {
      const changes = parseTargetChanges(ctx.request.body, ctx.params.id);
      if (!changes.ok) return ctx.badRequest(changes.reason);
      await answerRefusal(ctx, async () => {
        ctx.body = { data: await rebuild().updateTarget(changes.value) };
      });
    },

    /** DELETE /newsroom/webhooks/targets/:id */
    async deleteTarget(ctx: AdminContext) {
      const id = parseIdentifier(ctx.params.id, 'id');
      if (!id.ok) return ctx.badRequest(id.reason);
      await answerRefusal(ctx, async () => {
        const { deleted } = await rebuild().deleteTarget(id.value);
        if (!deleted) return ctx.notFound(`no rebuild target ${id.value}`);
        ctx.body = { data: { id: id.value } };
      });
    },

    /** GET /newsroom/webhooks/deliveries?limit= : the newest deliveries and how they went. */
    async listDeliveries(ctx: AdminContext) {
      const limit = parseWholeNumber(ctx.query.limit, 'limit', { min: 1, max: 200, fallback: 50 });
      if (!limit.ok) return ctx.badRequest(limit.reason);
      ctx.body = { data: await rebuild().listDeliveries({ limit: limit.value }) };
    },

    /** POST /newsroom/webhooks/deliveries/:id/retry: send a failed or waiting delivery now. */
    async retryDelivery(ctx: AdminContext) {
      const id = parseIdentifier(ctx.params.id, 'id');
      if (!id.ok) return ctx.badRequest(id.reason);
      await answerRefusal(ctx, async () => {
        ctx.body = { data: await rebuild().retryNow(id.value) };
      });
    },
  };
};

export default adminWebhooksController;
