import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { MAX_RAIL_LIMIT, parseRailQuery, RailQueryError, type RailQuery } from '../rail';
import { encodedRailBody, RAIL_COMPRESS_THRESHOLD, type RailEncoding } from '../services/rail';
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

/** Brotli when the client takes it (smaller), else gzip, else none: the compression middleware's order. */
function preferredEncoding(ctx: Context): RailEncoding | null {
  if (ctx.acceptsEncodings('br') === 'br') return 'br';
  return ctx.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
}

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
    // Compressed copies are made once per view; each encoding has its own ETag (as a server that
    // compresses on the fly marks them), so a 304 always matches the bytes the client holds.
    const encoding = rendered.body.length < RAIL_COMPRESS_THRESHOLD ? null : preferredEncoding(ctx);
    ctx.vary('Accept-Encoding');
    ctx.set('ETag', encoding ? `${rendered.etag.slice(0, -1)}-${encoding}"` : rendered.etag);
    ctx.set('Cache-Control', rendered.cacheControl);
    ctx.status = 200;
    if (ctx.get('If-None-Match') !== '' && ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/json';
    if (encoding) {
      ctx.set('Content-Encoding', encoding);
      ctx.body = encodedRailBody(rendered, encoding);
    } else {
      ctx.body = rendered.body;
    }
  },
});

export default latestRailController;
