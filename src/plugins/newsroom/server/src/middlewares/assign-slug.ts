import type { UID } from '@strapi/strapi';
import { AUTHOR_UID, CATEGORY_UID } from '../uids';
import { assignSlug as assignSlugTo } from '../writer/assign-slug';
import { isWrite, type MiddlewareFactory, type WriteParams } from './types';

/** Which field each slugged content type takes its slug from (articles: the article writer). */
const SLUG_SOURCE: Partial<Record<UID.ContentType, string>> = {
  [CATEGORY_UID]: 'name',
  [AUTHOR_UID]: 'name',
};

/** Categories and authors get their slug from their name, on every route (see writer/assign-slug.ts). */
export const assignSlug: MiddlewareFactory = ({ strapi }) =>
  async function assignSlugMiddleware(ctx, next) {
    const sourceField = SLUG_SOURCE[ctx.uid];
    if (!sourceField || !isWrite(ctx)) return next();
    const params = ctx.params as WriteParams;
    const data = params.data;
    if (!data) return next();

    const existing =
      ctx.action === 'update' && params.documentId
        ? ((await strapi.db.query(ctx.uid).findOne({ where: { documentId: params.documentId }, select: ['slug', sourceField] })) as Record<
            string,
            unknown
          > | null)
        : null;
    const stored = existing
      ? { slug: (existing.slug as string | null) ?? null, source: (existing[sourceField] as string | null) ?? null, published: false }
      : null;
    await assignSlugTo(strapi, ctx.uid, sourceField, data, stored, params.documentId);
    return next();
  };
