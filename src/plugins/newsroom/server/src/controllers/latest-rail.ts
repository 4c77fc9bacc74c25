import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { MAX_RAIL_LIMIT, parseRailQuery, RailQueryError, type RailQuery } from '../rail';
import { getPluginService } from '../utils/plugin';

/** Validates ?limit=&exclude=; a RailQueryError names the parameter and what was wrong with it. */
export function readRailQuery(query: Record<string, unknown>): { ok: true; query: RailQuery } | { ok: false; reason: string } {
  try {
    return { ok: true, query: parseRailQuery(query, MAX_RAIL_LIMIT) };
  } catch (error) {
    if (error instanceof RailQueryError) return { ok: false, reason: error.message };
    throw error;
  }
}

const latestRailController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /api/latest-rail: the stored rail, cut to the request. The body and its ETag are rendered
   * once per rail version and query, so a read costs a map lookup; a matching If-None-Match gets 304.
   */
  async find(ctx: Context) {
    const parsed = readRailQuery(ctx.query);
    if (!parsed.ok) return ctx.badRequest(parsed.reason);
    const rail = getPluginService(strapi, 'rail');
    const rendered = await rail.render(parsed.query);
    ctx.set('ETag', rendered.etag);
    ctx.set('Cache-Control', rail.config().cacheControl);
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/json';
    ctx.body = rendered.body;
  },
});

export default latestRailController;
