import type { KeyScope } from '../services/dedupe-keys';
import { getPluginService } from '../utils/plugin';
import { ARTICLE_UID, AUTHOR_UID, TEASER_UID } from '../uids';
import { type MiddlewareFactory, type WriteParams } from './types';

const SCOPES_OF: Record<string, KeyScope[]> = {
  [ARTICLE_UID]: ['story', 'page', 'dek', 'title', 'wait'],
  [TEASER_UID]: ['card'],
  [AUTHOR_UID]: ['author'],
};

/**
 * A deleted article, teaser or author gives up its identity keys, so the story or card can be stored again
 * later. Only a whole-document delete does: deleting one locale or version keeps the document.
 */
export const releaseKeys: MiddlewareFactory = ({ strapi }) =>
  async function releaseKeysMiddleware(ctx, next) {
    const scopes = SCOPES_OF[ctx.uid];
    if (!scopes || ctx.action !== 'delete') return next();
    const { documentId } = ctx.params as WriteParams;
    const result = await next();
    if (documentId) {
      const remaining = await strapi.db.query(ctx.uid).count({ where: { documentId } });
      if (remaining === 0) {
        const keys = getPluginService(strapi, 'dedupeKeys');
        for (const scope of scopes) await keys.release(scope, documentId);
        if (ctx.uid === ARTICLE_UID) await getPluginService(strapi, 'boilerplate').forgetArticle(documentId);
      }
    }
    return result;
  };
