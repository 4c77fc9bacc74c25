import { resolveSeo, type SeoSource } from '../seo/default-seo';
import { ARTICLE_UID } from '../uids';
import { isWrite, type MiddlewareFactory, type WriteParams } from './types';

/** The fields whose change can change an article's SEO values. */
const SEO_INPUTS = ['title', 'dek', 'excerpt', 'imageCaption', 'seo'];

interface StoredSeoSource extends SeoSource {
  seo?: Record<string, unknown> | null;
}

/**
 * Gives every written article its SEO component: what the editor set, else its title, dek (or
 * excerpt) and image caption. Runs inside the reading-fields middleware, so a new body's excerpt is
 * there to fall back on.
 */
export const defaultSeo: MiddlewareFactory = ({ strapi }) =>
  async function defaultSeoMiddleware(ctx, next) {
    if (ctx.uid !== ARTICLE_UID || !isWrite(ctx)) return next();
    const params = ctx.params as WriteParams;
    const data = params.data;
    if (!data || !SEO_INPUTS.some((field) => field in data)) return next();

    const stored =
      ctx.action === 'update' && params.documentId
        ? ((await strapi.db.query(ARTICLE_UID).findOne({
            where: { documentId: params.documentId, publishedAt: null },
            select: ['title', 'dek', 'excerpt', 'imageCaption'],
            populate: { seo: true },
          })) as StoredSeoSource | null)
        : null;
    const now: SeoSource = {
      title: 'title' in data ? (data.title as string | null) : stored?.title,
      dek: 'dek' in data ? (data.dek as string | null) : stored?.dek,
      excerpt: 'excerpt' in data ? (data.excerpt as string | null) : stored?.excerpt,
      imageCaption: 'imageCaption' in data ? (data.imageCaption as string | null) : stored?.imageCaption,
    };
    const given = (data.seo && typeof data.seo === 'object' ? data.seo : stored?.seo) as Record<string, unknown> | null | undefined;
    // The stored draft's component is changed in place; an id a client sends (of another version, say) is not trusted.
    const { id: _clientId, ...fields } = (given ?? {}) as Record<string, unknown>;
    const storedId = stored?.seo?.id;
    data.seo = { ...(storedId !== undefined && storedId !== null ? { id: storedId } : {}), ...resolveSeo(fields, now, stored) };
    return next();
  };
