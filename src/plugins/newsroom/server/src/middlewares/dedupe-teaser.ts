import { announceOutcome } from '../context/report-outcome';
import { editorialCardKey } from '../dedupe';
import { getPluginService } from '../utils/plugin';
import { TEASER_UID } from '../uids';
import { type MiddlewareFactory, type WriteParams } from './types';

/**
 * One teaser per blurb. An editorial card is known by its normalised text; a sponsored or blank
 * card only by the key an importer derives from its place in a rail (its label is shared by many
 * sponsored stories), so such a card created over REST or in the admin is never merged. A repeat
 * counts as a sighting of the stored teaser. A new editorial card whose text is an article's dek is
 * linked to that article.
 */
export const dedupeTeaser: MiddlewareFactory = ({ strapi }) =>
  async function dedupeTeaserMiddleware(ctx, next) {
    if (ctx.uid !== TEASER_UID || ctx.action !== 'create') return next();
    const params = ctx.params as WriteParams;
    const data = params.data ?? {};
    const kind = typeof data.kind === 'string' ? data.kind : 'editorial';
    const text = typeof data.text === 'string' ? data.text : '';
    const key = kind === 'editorial' && text.trim() !== '' ? editorialCardKey(text) : null;
    if (!key) return next();

    const teasers = getPluginService(strapi, 'teasers');
    if (kind === 'editorial' && data.article === undefined && text.trim() !== '') {
      const article = await teasers.articleForCardText(text);
      if (article) data.article = article;
    }

    const found = await getPluginService(strapi, 'dedupeKeys').findOrCreate('card', key, async () => (await next()) as { documentId: string });
    if (!found.created) {
      await teasers.countSightings([found.documentId], new Date());
      announceOutcome(strapi, params, { action: 'merged', documentId: found.documentId, changed: true });
      return strapi.documents(TEASER_UID).findOne({ documentId: found.documentId }) as ReturnType<typeof next>;
    }
    announceOutcome(strapi, params, { action: 'created', documentId: found.documentId, changed: true });
    return found.document as Awaited<ReturnType<typeof next>>;
  };
