import { outcomeOf } from '../context/write-params';
import { getPluginService } from '../utils/plugin';
import { ARTICLE_UID } from '../uids';
import { isWrite, type MiddlewareFactory, type WriteParams } from './types';

/**
 * After an article is written with a title or a dek, from any route: remember its title for
 * RELATED CONTENT lines, link the articles that were waiting for it, note the titles it still
 * waits for, and link its own rail card (the card whose text is its dek).
 */
export const linkArticle: MiddlewareFactory = ({ strapi }) =>
  async function linkArticleMiddleware(ctx, next) {
    if (ctx.uid !== ARTICLE_UID || !isWrite(ctx)) return next();
    const params = ctx.params as WriteParams;
    const data = params.data;
    if (!data || (typeof data.title !== 'string' && typeof data.dek !== 'string')) return next();

    const result = await next();
    const outcome = outcomeOf(params);
    // A copy merged into its story without adding anything leaves the story as it was: its title,
    // its waits and its card were linked when the story was written.
    if (outcome?.action === 'merged' && !outcome.changed) return result as Awaited<ReturnType<typeof next>>;
    const document = result as { documentId?: string; title?: string; dek?: string | null; sponsor?: string | null } | null;
    if (!document?.documentId) return result;

    const related = getPluginService(strapi, 'related');
    const documentId = document.documentId;
    // One commit for all of it (each commit is a sync to disk on SQLite); none of these writes can
    // fail on a unique key (keys are claimed with ON CONFLICT DO NOTHING).
    await strapi.db.transaction(async () => {
      if (typeof document.title === 'string') {
        await related.rememberTitle(documentId, document.title);
        await related.resolveWaiting(documentId, document.title);
      }
      const pending = Array.isArray(data.pendingRelated) ? (data.pendingRelated as string[]) : [];
      if (pending.length > 0) await related.waitFor(documentId, pending);
      // A sponsored article's dek is its sponsor label, which is no blurb of its own.
      if (!document.sponsor) await getPluginService(strapi, 'teasers').linkCardToArticle(document.dek ?? null, documentId);
    });
    return result;
  };
