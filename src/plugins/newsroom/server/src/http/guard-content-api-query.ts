import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkFilterOperators, checkPagination } from '../content-api/query-bounds';
import { getPluginService } from '../utils/plugin';

/**
 * Checks what Strapi takes on trust in a content-API request: REST pagination must be numbers
 * (Strapi quietly replaces `pageSize=abc` with its default) and filter operators must take plain
 * values (an object under `$eq` reaches the database driver: a 500), and a GraphQL document must
 * fit its byte limit. Registered after Strapi's global middlewares, so a refusal is a normal 400
 * or 413 with CORS headers.
 */
export function guardContentApiQuery(strapi: Core.Strapi) {
  const restPrefix = `${strapi.config.get('api.rest.prefix', '/api')}/`;
  const graphqlPath = strapi.plugin('graphql') ? String(strapi.config.get('plugin::graphql.endpoint', '/graphql')) : undefined;
  const graphqlBytes = getPluginService(strapi, 'contentApi').config().graphql.bodyBytes;

  return async function guardContentApiQueryMiddleware(ctx: Context, next: Next) {
    if (ctx.path === graphqlPath) {
      const declared = Number(ctx.get('content-length') || 0);
      const query = (ctx.request as { body?: { query?: unknown } }).body?.query ?? ctx.query.query;
      const length = Math.max(declared, typeof query === 'string' ? Buffer.byteLength(query) : 0, ctx.querystring.length);
      if (length > graphqlBytes) {
        // Answered in GraphQL's own error shape, as the other GraphQL limits are.
        ctx.status = 413;
        ctx.body = {
          errors: [{ message: `the GraphQL request is larger than ${graphqlBytes} bytes (GRAPHQL_BODY_LIMIT)`, extensions: { code: 'GRAPHQL_BODY_LIMIT' } }],
        };
        return;
      }
      return next();
    }
    // A request without a query string has nothing to check (the rail's fast path stays fast).
    if (ctx.querystring === '' || ctx.method !== 'GET' || !ctx.path.startsWith(restPrefix)) return next();
    const query = ctx.query as Record<string, unknown>;
    for (const check of [checkPagination(query.pagination), checkFilterOperators(query.filters)]) {
      if (!check.ok) throw new errors.ValidationError(check.reason);
    }
    return next();
  };
}
