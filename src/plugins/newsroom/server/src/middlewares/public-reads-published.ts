import { requirePublishedRelations, requirePublishedRelationsInPopulate } from '../content-api/published-relations';
import { strapiModelLookup } from '../utils/model-lookup';
import { isReaderRequest } from '../utils/request-reader';
import { AUTHOR_UID } from '../uids';
import type { MiddlewareFactory } from './types';

/**
 * Types without drafts that readers see only once they have a published article: an author read
 * from an embargoed column stays unknown to readers until the column is published.
 */
const SHOWN_WITH_PUBLISHED: Record<string, string> = { [AUTHOR_UID]: 'articles' };

const READ_ACTIONS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

interface ReadParams {
  status?: string;
  filters?: unknown;
  populate?: unknown;
}

/**
 * Stock Strapi 5 answers `?status=draft` (REST) and `status: DRAFT` (GraphQL) to anyone who may
 * read a type, and carries that status into the relations it populates, whatever the type. A
 * newsroom cannot leak embargoed drafts, so a reader's content-API read (no API token) reads
 * published versions only, on every type, and its relation filters match published rows only.
 */
export const publicReadsPublished: MiddlewareFactory = ({ strapi }) => {
  const lookup = strapiModelLookup(strapi);
  return async function publicReadsPublishedMiddleware(ctx, next) {
    if (!READ_ACTIONS.has(ctx.action) || !isReaderRequest(strapi)) return next();
    const params = ctx.params as ReadParams;
    params.status = 'published';
    const through = SHOWN_WITH_PUBLISHED[ctx.uid];
    if (through) params.filters = { $and: [params.filters ?? {}, { [through]: { id: { $notNull: true } } }] };
    if (params.filters !== undefined) params.filters = requirePublishedRelations(params.filters, ctx.uid, lookup);
    if (params.populate !== undefined) params.populate = requirePublishedRelationsInPopulate(params.populate, ctx.uid, lookup);
    return next();
  };
};
