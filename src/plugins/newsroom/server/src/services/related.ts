import type { Core } from '@strapi/strapi';
import { normalisedTextHash } from '../dedupe';
import { ARTICLE_UID } from '../uids';
import { getPluginService } from '../utils/plugin';

/**
 * RELATED CONTENT lines name other articles by title. A title that is already stored becomes a
 * related-article link at once; one that is not is remembered, and the link is made when an
 * article with that title arrives (from any route).
 */
const relatedService = ({ strapi }: { strapi: Core.Strapi }) => {
  const keys = () => getPluginService(strapi, 'dedupeKeys');
  const articles = () => strapi.documents(ARTICLE_UID);

  /** Adds links to a stored article, republishing it only when its draft had no other edits. */
  async function connect(documentId: string, targets: string[], stillPending: string[] | null) {
    const draft = (await articles().findOne({ documentId, status: 'draft', fields: ['updatedAt'] })) as
      | { updatedAt?: string }
      | null;
    const live = (await articles().findOne({ documentId, status: 'published', fields: ['publishedAt'] })) as
      | { publishedAt?: string }
      | null;
    const data: Record<string, unknown> = { relatedArticles: { connect: targets } };
    if (stillPending) data.pendingRelated = stillPending;
    await getPluginService(strapi, 'storyWriter').update({ documentId, data });
    const draftWasLive = live?.publishedAt && draft?.updatedAt && Date.parse(draft.updatedAt) <= Date.parse(live.publishedAt) + 1000;
    if (draftWasLive) await articles().publish({ documentId });
  }

  return {
    /** Remembers the article's title so that RELATED CONTENT lines elsewhere can point at it. */
    async rememberTitle(documentId: string, title: string): Promise<void> {
      await keys().claim('title', [normalisedTextHash(title)], documentId, { strict: false });
    },

    /** Splits related titles into stored articles (documentIds) and titles still to come. */
    async resolveTitles(titles: readonly string[], selfDocumentId?: string): Promise<{ found: string[]; pending: string[] }> {
      const owners = await keys().ownersByKey('title', titles.map((title) => normalisedTextHash(title)));
      const found: string[] = [];
      const pending: string[] = [];
      for (const title of titles) {
        const owner = owners.get(normalisedTextHash(title));
        if (owner && owner !== selfDocumentId) found.push(owner);
        else if (!owner) pending.push(title);
      }
      return { found: [...new Set(found)], pending };
    },

    /** Notes that `documentId` waits for articles with these titles. */
    async waitFor(documentId: string, titles: readonly string[]): Promise<void> {
      const waiting = titles.map((title) => `${normalisedTextHash(title)}:${documentId}`);
      await keys().claim('wait', waiting, documentId, { strict: false });
    },

    /** Links every article that was waiting for `title` to the article that now carries it. */
    async resolveWaiting(documentId: string, title: string): Promise<number> {
      const titleKey = normalisedTextHash(title);
      const waiting = await keys().findByPrefix('wait', `${titleKey}:`);
      let linked = 0;
      for (const entry of waiting) {
        if (entry.documentId === documentId) continue;
        const waiter = (await articles().findOne({ documentId: entry.documentId, status: 'draft', fields: ['pendingRelated'] })) as
          | { pendingRelated?: unknown }
          | null;
        if (waiter) {
          const pending = Array.isArray(waiter.pendingRelated) ? (waiter.pendingRelated as string[]) : [];
          await connect(
            entry.documentId,
            [documentId],
            pending.filter((pendingTitle) => normalisedTextHash(pendingTitle) !== titleKey)
          );
          linked += 1;
        }
        await keys().releaseKey('wait', entry.key);
      }
      return linked;
    },
  };
};

export default relatedService;
export type RelatedService = ReturnType<typeof relatedService>;
