import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getPluginService } from '../utils/plugin';
import { parseWholeNumber } from './admin-requests';

const adminMergesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /newsroom/merges?limit=: the newest merges, which source went into which article. */
  async find(ctx: Context) {
    const limit = parseWholeNumber(ctx.query.limit, 'limit', { min: 1, max: 200, fallback: 50 });
    if (!limit.ok) return ctx.badRequest(limit.reason);
    ctx.body = { data: await getPluginService(strapi, 'mergeLog').list({ limit: limit.value }) };
  },
});

export default adminMergesController;
