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

    let created: Awaited<ReturnType<typeof next>> | undefined;
    const stored = await getPluginService(strapi, 'teasers').storeCreatedCard({ key, text, data }, async () => {
      created = await next();
      return created as { documentId: string };
    });
    announceOutcome(strapi, params, { ...stored, changed: true });
    // A create that lost the card to another writer was undone: the answer is the stored teaser.
    if (stored.action === 'created') return created as Awaited<ReturnType<typeof next>>;
    return strapi.documents(TEASER_UID).findOne({ documentId: stored.documentId }) as ReturnType<typeof next>;
  };
