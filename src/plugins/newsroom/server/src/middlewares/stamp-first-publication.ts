import { getPluginService } from '../utils/plugin';
import { ARTICLE_UID } from '../uids';
import { type MiddlewareFactory, type WriteParams } from './types';

/**
 * An article's first publication is when readers first saw it. It is stamped on its first publish
 * and kept through edits, republishing and unpublish/publish, so a corrected headline (which
 * republishes) leaves the story where it was in the rail and in lists sorted by it.
 */
export const stampFirstPublication: MiddlewareFactory = ({ strapi }) =>
  async function stampFirstPublicationMiddleware(ctx, next) {
    if (ctx.uid !== ARTICLE_UID) return next();
    const params = ctx.params as WriteParams;
    const publishes = ctx.action === 'publish' || ((ctx.action === 'create' || ctx.action === 'update') && params.status === 'published');
    if (!publishes) return next();
    const result = await next();
    // A create or update answers with the published version; a publish with the versions it wrote.
    const written = result as { documentId?: string; publishedAt?: string | Date | null; entries?: Array<{ publishedAt?: string | Date | null }> } | null;
    const documentId = written?.documentId ?? params.documentId;
    const publishedAt = written?.publishedAt ?? written?.entries?.find((entry) => entry.publishedAt)?.publishedAt;
    if (documentId && publishedAt) await getPluginService(strapi, 'publication').stampFirstPublication(documentId, publishedAt);
    return result;
  };
