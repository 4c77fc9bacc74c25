import { getPluginService } from '../utils/plugin';
import { ARTICLE_UID } from '../uids';
import { type MiddlewareFactory, type WriteParams } from './types';

/**
 * An article an editor edits (in the admin, or over REST or GraphQL) is still the same story, and
 * its new text is one more way to recognise it: after an update that touches the title or body,
 * its new story keys are claimed for it. Keys another story holds stay with that story.
 * Idempotent, so the repeated lifecycles of a publish change nothing.
 */
export const claimStoryKeys: MiddlewareFactory = ({ strapi }) =>
  async function claimStoryKeysMiddleware(ctx, next) {
    if (ctx.uid !== ARTICLE_UID || ctx.action !== 'update') return next();
    const { documentId, data } = ctx.params as WriteParams;
    if (!documentId || !data || (data.title === undefined && data.body === undefined)) return next();

    const result = await next();
    const stored = (await strapi.documents(ARTICLE_UID).findOne({ documentId, status: 'draft', fields: ['title', 'body', 'truncated'] })) as
      | Record<string, unknown>
      | null;
    if (stored) {
      const { keys } = getPluginService(strapi, 'story').fingerprint(stored, { truncated: stored.truncated === true });
      await getPluginService(strapi, 'dedupeKeys').claim('story', keys, documentId, { strict: false });
    }
    return result;
  };
