import { announceOutcome } from '../context/report-outcome';
import { currentWriteHints } from '../context/write-context';
import { KeyConflictError } from '../services/dedupe-keys';
import { getPluginService } from '../utils/plugin';
import { isUniqueRaceError } from '../utils/transient-retry';
import { ARTICLE_UID, type MiddlewareFactory, type WriteParams } from './types';

/**
 * One article per story. A create whose fingerprint matches a stored story merges into it and
 * answers with that document instead of making a second one. Otherwise the article is created and
 * its story keys are claimed in the same transaction: when another process claimed one of them
 * first, the database refuses ours, the create rolls back, and this copy merges into the winner.
 */
export const dedupeArticle: MiddlewareFactory = ({ strapi }) =>
  async function dedupeArticleMiddleware(ctx, next) {
    if (ctx.uid !== ARTICLE_UID || ctx.action !== 'create') return next();
    const params = ctx.params as WriteParams;
    const data = params.data;
    if (!data || typeof data.title !== 'string') return next();

    const story = getPluginService(strapi, 'story');
    const hints = currentWriteHints();
    const { keys } = story.fingerprint(data, hints);
    const publish = params.status === 'published';

    const merge = async (documentId: string) => {
      const merged = await story.mergeInto(documentId, data, { ...hints, publish, storyKeys: keys });
      announceOutcome(strapi, { action: 'merged', documentId, changed: merged.changed });
      return merged.document;
    };

    const existing = await story.findStory(keys);
    if (existing) return merge(existing) as ReturnType<typeof next>;

    const dedupeKeys = getPluginService(strapi, 'dedupeKeys');
    let made: { documentId: string } | undefined;
    try {
      const created = await strapi.db.transaction(async () => {
        made = (await next()) as { documentId: string };
        await dedupeKeys.claim('story', keys, made.documentId, { strict: true });
        return made;
      });
      announceOutcome(strapi, { action: 'created', documentId: created.documentId, changed: true });
      return created as Awaited<ReturnType<typeof next>>;
    } catch (error) {
      if (error instanceof KeyConflictError) {
        if (made) await dedupeKeys.discard(ARTICLE_UID, made.documentId);
        return merge(error.ownerDocumentId) as ReturnType<typeof next>;
      }
      // Another process stored the same story (and took its slug) between our lookup and our insert.
      const winner = isUniqueRaceError(error) ? await story.findStory(keys) : null;
      if (!winner) throw error;
      if (made) await dedupeKeys.discard(ARTICLE_UID, made.documentId);
      return merge(winner) as ReturnType<typeof next>;
    }
  };
