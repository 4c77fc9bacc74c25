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

const DEFAULT_QUERY = { ok: true, query: {} } as const;

const latestRailController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /api/latest-rail: the stored rail, cut to the request. The body, its ETag and its headers
   * are rendered once per rail version and query, so a read costs a map lookup; a matching
   * If-None-Match gets 304.
   */
  async find(ctx: Context) {
    // Most reads carry no query string: they skip parsing one (Strapi's ctx.query parses on each read).
    const parsed = ctx.querystring === '' ? DEFAULT_QUERY : readRailQuery(ctx.query);
    if (!parsed.ok) return ctx.badRequest(parsed.reason);
    const rendered = await getPluginService(strapi, 'rail').render(parsed.query);
    ctx.set('ETag', rendered.etag);
    ctx.set('Cache-Control', rendered.cacheControl);
    ctx.status = 200;
    if (ctx.get('If-None-Match') !== '' && ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/json';
    ctx.body = rendered.body;
  },
});

export default latestRailController;
