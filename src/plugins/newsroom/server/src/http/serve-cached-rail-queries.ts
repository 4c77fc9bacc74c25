import { createHash } from 'crypto';
import coBody from 'co-body';
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { isLatestRailOnlyQuery } from '../content-api/latest-rail-only';
import { getPluginService } from '../utils/plugin';

/** Distinct query texts whose verdict is remembered, and answers kept; both bounded. */
const MAX_QUERIES = 500;
const MAX_ANSWERS = 500;

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

interface CachedAnswer {
  version: number;
  body: string;
  contentType: string;
}

/**
 * Answers a GraphQL POST whose only root field is `latestRail` from the answer GraphQL gave the
 * same query, variables and operation name, while the rail's version is unchanged: the rail is one
 * stored record, and the time of such a request went to parsing, validating and executing the
 * document. The first request of each version goes through GraphQL (and its limits); only a
 * successful answer is kept.
 */
export function serveCachedRailQueries(strapi: Core.Strapi) {
  const graphqlPath = String(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  const bodyBytes = getPluginService(strapi, 'contentApi').config().graphql.bodyBytes;
  const verdicts = new Map<string, boolean>();
  const answers = new Map<string, CachedAnswer>();
  const remember = <V>(map: Map<string, V>, limit: number, key: string, value: V) => {
    if (map.size >= limit) map.clear();
    map.set(key, value);
  };

  return async function serveCachedRailQueriesMiddleware(ctx: Context, next: Next) {
    if (ctx.method !== 'POST' || ctx.path !== graphqlPath || !ctx.is('application/json')) return next();
    // The graphql route parses its body itself, after this; a body parsed here is left as it is
    // there (co-body is the parser both use, with the route's limit).
    const holder = ctx.request as { body?: { query?: unknown; variables?: unknown; operationName?: unknown } };
    if (holder.body === undefined) {
      try {
        holder.body = await coBody.json(ctx, { limit: bodyBytes });
      } catch (error) {
        // A client's mistake, answered in GraphQL's error shape like the other GraphQL refusals.
        const status = (error as { status?: number }).status ?? 400;
        ctx.status = status >= 400 && status < 500 ? status : 400;
        ctx.body = { errors: [{ message: `the request body is not JSON GraphQL can read: ${(error as Error).message}`, extensions: { code: 'BAD_REQUEST' } }] };
        return;
      }
    }
    const request = holder.body;
    if (!request || typeof request.query !== 'string') return next();
    const { query } = request;
    // Keyed by digest: a query may be as long as GRAPHQL_BODY_LIMIT, and the maps hold hundreds.
    const queryKey = digest(query);
    let railOnly = verdicts.get(queryKey);
    if (railOnly === undefined) {
      railOnly = isLatestRailOnlyQuery(query);
      remember(verdicts, MAX_QUERIES, queryKey, railOnly);
    }
    if (!railOnly) return next();

    const key = digest(JSON.stringify([request.operationName ?? null, request.variables ?? null, queryKey]));
    // Read before GraphQL runs: an answer is never kept under a version newer than the one it shows.
    const { version } = await getPluginService(strapi, 'rail').current();
    const cached = answers.get(key);
    if (cached && cached.version === version) {
      ctx.status = 200;
      ctx.type = cached.contentType;
      ctx.body = cached.body;
      return;
    }
    await next();
    if (ctx.status !== 200 || typeof ctx.body !== 'string') return;
    try {
      if ((JSON.parse(ctx.body) as { errors?: unknown }).errors !== undefined) return;
    } catch {
      return;
    }
    remember(answers, MAX_ANSWERS, key, { version, body: ctx.body, contentType: ctx.response.get('Content-Type') || 'application/json' });
  };
}
