import { announceOutcome } from '../context/report-outcome';
import { isByWriter } from '../context/write-params';
import type { ArticleWrite } from '../services/story-writer';
import { getPluginService } from '../utils/plugin';
import { ARTICLE_UID } from '../uids';
import { isWrite, type MiddlewareFactory } from './types';

/**
 * The document service's way into the story writer: an article create or update from the admin,
 * REST or GraphQL is handed to it, with the rest of the call as the way to store it. The writer's
 * own calls pass straight through.
 */
export const writeArticle: MiddlewareFactory = ({ strapi }) =>
  async function writeArticleMiddleware(ctx, next) {
    if (ctx.uid !== ARTICLE_UID || !isWrite(ctx)) return next();
    const params = ctx.params as ArticleWrite;
    if (isByWriter(params) || !params.data) return next();

    const writer = getPluginService(strapi, 'storyWriter');
    if (ctx.action === 'update') {
      if (!params.documentId) return next();
      return (await writer.update({ ...params, documentId: params.documentId }, next)) as Awaited<ReturnType<typeof next>>;
    }
    const { action, documentId, changed, document } = await writer.create(params, {}, next);
    announceOutcome(strapi, params, { action, documentId, changed });
    return document as Awaited<ReturnType<typeof next>>;
  };
