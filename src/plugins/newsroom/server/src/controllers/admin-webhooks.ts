import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { parseIdentifier, parseTargetRequest, parseWholeNumber } from './admin-requests';
import { findPluginService, unavailable, type WebhookTargets } from './admin-services';

type AdminContext = Context & { params: Record<string, unknown>; request: { body?: unknown } };

const rebuild = (strapi: Core.Strapi) =>
  findPluginService<WebhookTargets>(strapi, 'rebuild', ['listTargets', 'saveTarget', 'deleteTarget', 'listDeliveries', 'retryNow']);

const NOT_AVAILABLE = unavailable('Managing rebuild webhooks');

const adminWebhooksController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /newsroom/webhooks/targets */
  async listTargets(ctx: AdminContext) {
    const service = rebuild(strapi);
    if (!service) return ctx.notImplemented(NOT_AVAILABLE);
    ctx.body = { data: await service.listTargets() };
  },

  /** POST /newsroom/webhooks/targets `{ url, enabled }` adds a target. */
  async createTarget(ctx: AdminContext) {
    const target = parseTargetRequest(ctx.request.body);
    if (!target.ok) return ctx.badRequest(target.reason);
    const service = rebuild(strapi);
    if (!service) return ctx.notImplemented(NOT_AVAILABLE);
    ctx.status = 201;
    ctx.body = { data: await service.saveTarget(target.value) };
  },

  /** PUT /newsroom/webhooks/targets/:id `{ url, enabled }` edits, enables or disables a target. */
  async updateTarget(ctx: AdminContext) {
    const target = parseTargetRequest(ctx.request.body, ctx.params.id);
    if (!target.ok) return ctx.badRequest(target.reason);
    const service = rebuild(strapi);
    if (!service) return ctx.notImplemented(NOT_AVAILABLE);
    ctx.body = { data: await service.saveTarget(target.value) };
  },

  /** DELETE /newsroom/webhooks/targets/:id */
  async deleteTarget(ctx: AdminContext) {
    const id = parseIdentifier(ctx.params.id, 'id');
    if (!id.ok) return ctx.badRequest(id.reason);
    const service = rebuild(strapi);
    if (!service) return ctx.notImplemented(NOT_AVAILABLE);
    await service.deleteTarget(id.value);
    ctx.body = { data: { id: id.value } };
  },

  /** GET /newsroom/webhooks/deliveries?limit= : the newest deliveries and how they went. */
  async listDeliveries(ctx: AdminContext) {
    const limit = parseWholeNumber(ctx.query.limit, 'limit', { min: 1, max: 200, fallback: 50 });
    if (!limit.ok) return ctx.badRequest(limit.reason);
    const service = rebuild(strapi);
    if (!service) return ctx.notImplemented(NOT_AVAILABLE);
    ctx.body = { data: await service.listDeliveries({ limit: limit.value }) };
  },

  /** POST /newsroom/webhooks/deliveries/:id/retry: send a failed or waiting delivery now. */
  async retryDelivery(ctx: AdminContext) {
    const id = parseIdentifier(ctx.params.id, 'id');
    if (!id.ok) return ctx.badRequest(id.reason);
    const service = rebuild(strapi);
    if (!service) return ctx.notImplemented(NOT_AVAILABLE);
    ctx.body = { data: (await service.retryNow(id.value)) ?? { id: id.value } };
  },
});

export default adminWebhooksController;
