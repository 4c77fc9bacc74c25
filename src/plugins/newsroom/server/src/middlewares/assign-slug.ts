import type { UID } from '@strapi/strapi';
import { firstFreeSlug, slugFor } from '../slug';
import { ARTICLE_UID, AUTHOR_UID, CATEGORY_UID } from '../uids';
import { isWrite, type MiddlewareFactory, type WriteParams } from './types';

/** Which field each slugged content type takes its slug from. */
const SLUG_SOURCE: Partial<Record<UID.ContentType, string>> = {
  [ARTICLE_UID]: 'title',
  [CATEGORY_UID]: 'name',
  [AUTHOR_UID]: 'name',
};

/**
 * Slugs are computed here, never taken from the client, so the admin, REST, GraphQL and the
 * importer all agree. A slug follows its title until the document is first published; after that
 * it stays, because published URLs must not break when an editor fixes a headline.
 */
export const assignSlug: MiddlewareFactory = ({ strapi }) =>
  async function assignSlugMiddleware(ctx, next) {
    const sourceField = SLUG_SOURCE[ctx.uid];
    if (!sourceField || !isWrite(ctx)) return next();

    const params = ctx.params as WriteParams;
    const data = params.data;
    if (!data) return next();

    const query = strapi.db.query(ctx.uid);
    const existing =
      ctx.action === 'update' && params.documentId
        ? await query.findOne({ where: { documentId: params.documentId }, select: ['slug', sourceField] })
        : null;

    const source = typeof data[sourceField] === 'string' ? (data[sourceField] as string) : undefined;
    const published =
      existing && ctx.contentType.options?.draftAndPublish
        ? (await query.count({ where: { documentId: params.documentId, publishedAt: { $notNull: true } } })) > 0
        : false;

    const keepExisting =
      existing?.slug && (published || source === undefined || source === existing[sourceField]);
    if (keepExisting) {
      data.slug = existing.slug;
      return next();
    }
    const from = source ?? (existing?.[sourceField] as string | undefined);
    if (from === undefined) {
      delete data.slug;
      return next();
    }

    const base = slugFor(from);
    const rows: Array<{ slug: string | null; documentId: string }> = await query.findMany({
      select: ['slug', 'documentId'],
      where: { slug: { $startsWith: base } },
    });
    const taken = new Set(
      rows.filter((row) => row.documentId !== params.documentId && row.slug).map((row) => row.slug as string)
    );
    data.slug = firstFreeSlug(base, taken);
    return next();
  };
