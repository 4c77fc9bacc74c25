import { announceOutcome } from '../context/report-outcome';
import { hintsOf } from '../context/write-params';
import { getPluginService } from '../utils/plugin';
import { ARTICLE_UID } from '../uids';
import { type MiddlewareFactory, type WriteParams } from './types';

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
    const hints = hintsOf(params);
    const { keys } = story.fingerprint(data, hints);
    const publish = params.status === 'published';

    // The story is also known by this copy's keys from now on (those no story holds yet).
    const merge = async (documentId: string, keysToClaim: readonly string[]) => {
      const merged = await story.mergeInto(documentId, data, { ...hints, publish, keysToClaim, copyKeys: keys });
      announceOutcome(strapi, params, { action: 'merged', documentId, changed: merged.changed });
      return merged.document;
    };

    // A copy an editor split out of a story is created as it is, known by the keys no story holds.
    if (hints.standalone) {
      const created = (await next()) as { documentId: string };
      await getPluginService(strapi, 'dedupeKeys').claim('story', keys, created.documentId, { strict: false });
      announceOutcome(strapi, params, { action: 'created', documentId: created.documentId, changed: true });
      return created as Awaited<ReturnType<typeof next>>;
    }

    const existing = await story.findStory(keys);
    if (existing.documentId) return merge(existing.documentId, existing.unownedKeys) as ReturnType<typeof next>;

    const outcome = await getPluginService(strapi, 'dedupeKeys').createClaimed(
      'story',
      keys,
      async () => (await next()) as { documentId: string }
    );
    if (!outcome.created) return merge(outcome.ownerDocumentId, keys) as ReturnType<typeof next>;
    announceOutcome(strapi, params, { action: 'created', documentId: outcome.document.documentId, changed: true });
    return outcome.document as Awaited<ReturnType<typeof next>>;
  };
