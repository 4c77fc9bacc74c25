import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { parseWholeNumber } from './admin-requests';
import { findPluginService, unavailable, type MergeLog } from './admin-services';

const adminMergesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /newsroom/merges?limit=: the newest merges, which source went into which article. */
  async find(ctx: Context) {
    const limit = parseWholeNumber(ctx.query.limit, 'limit', { min: 1, max: 200, fallback: 50 });
    if (!limit.ok) return ctx.badRequest(limit.reason);
    const log = findPluginService<MergeLog>(strapi, 'mergeLog', ['list']);
    if (!log) return ctx.notImplemented(unavailable('The merge log'));
    ctx.body = { data: await log.list({ limit: limit.value }) };
  },
});

export default adminMergesController;
