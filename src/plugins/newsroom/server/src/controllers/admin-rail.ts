import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getPluginService } from '../utils/plugin';
import { readRailQuery } from './latest-rail';

const adminRailController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /newsroom/rail: the Latest rail exactly as GET /api/latest-rail gives it to readers. */
  async find(ctx: Context) {
    const parsed = readRailQuery(ctx.query);
    if (!parsed.ok) return ctx.badRequest(parsed.reason);
    ctx.body = { data: await getPluginService(strapi, 'rail').view(parsed.query) };
  },
});

export default adminRailController;
