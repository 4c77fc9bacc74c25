import { canonicalUrlOf, readingFieldsOf } from '../blocks';
import { ARTICLE_UID } from '../uids';
import { isWrite, type MiddlewareFactory, type WriteParams } from './types';

/**
 * Stores what a page template derives from an article when its body or sources are written (not
 * per request): word count, reading time, excerpt and canonical URL. Runs inside the body cleaner,
 * so it counts the body without site chrome.
 */
export const deriveReadingFields: MiddlewareFactory = ({ strapi }) =>
  async function deriveReadingFieldsMiddleware(ctx, next) {
    if (ctx.uid !== ARTICLE_UID || !isWrite(ctx)) return next();
    const params = ctx.params as WriteParams;
    const data = params.data;
    if (!data) return next();

    // A body set to null clears the figures too.
    if (Array.isArray(data.body) || data.body === null) {
      let hasImage = Boolean(data.image ?? data.imageFile);
      if (!hasImage && ctx.action === 'update' && params.documentId && !('image' in data) && !('imageFile' in data)) {
        const stored = (await strapi.db.query(ARTICLE_UID).findOne({
          where: { documentId: params.documentId, publishedAt: null },
          select: ['imageFile'],
          populate: { image: { select: ['id'] } },
        })) as { imageFile?: string | null; image?: unknown } | null;
        hasImage = Boolean(stored?.imageFile || stored?.image);
      }
      Object.assign(data, readingFieldsOf(data.body, hasImage));
    }
    if (Array.isArray(data.sources)) data.canonicalUrl = canonicalUrlOf(data.sources);
    return next();
  };
