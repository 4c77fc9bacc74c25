import type { Core } from '@strapi/strapi';
import { withWriteHints } from '../context/write-context';
import { editorialCardKey, matchKey } from '../dedupe';
import { TEASER_UID } from '../middlewares/types';
import { withConnection } from '../utils/db';
import { getPluginService } from '../utils/plugin';

export interface CardSighting {
  key: string;
  text: string;
  kind: 'editorial' | 'sponsored' | 'blank';
  sponsor: string | null;
}

export interface SightingTotals {
  created: number;
  merged: number;
  /** Teaser documentId per card key. */
  teasers: Map<string, string>;
}

const TEASERS_TABLE = 'teasers';

/**
 * Teasers: one per blurb. Cards seen again are counted in one statement for the whole rail, so a
 * page whose rail the site has shown many times costs one query, not twenty writes; only cards seen
 * for the first time go through the document service (and its dedupe middleware).
 */
const teasersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const keys = () => getPluginService(strapi, 'dedupeKeys');

  return {
    /** Counts one more sighting of each teaser, at `seenAt`. */
    async countSightings(documentIds: readonly string[], seenAt: Date): Promise<void> {
      if (documentIds.length === 0) return;
      await withConnection(strapi, (db) =>
        db(TEASERS_TABLE)
          .whereIn('document_id', [...new Set(documentIds)])
          .update({
            times_seen: db.raw('COALESCE(times_seen, 0) + 1'),
            last_seen_at: seenAt,
            updated_at: seenAt,
          })
      );
    },

    async recordSightings(cards: readonly CardSighting[], seenAt: Date): Promise<SightingTotals> {
      const totals: SightingTotals = { created: 0, merged: 0, teasers: new Map() };
      const distinct = new Map<string, CardSighting>();
      for (const card of cards) if (!distinct.has(card.key)) distinct.set(card.key, card);

      const owners = await keys().ownersByKey('card', [...distinct.keys()]);
      await this.countSightings([...owners.values()], seenAt);
      for (const [key, documentId] of owners) totals.teasers.set(key, documentId);
      totals.merged += owners.size;

      for (const card of distinct.values()) {
        if (totals.teasers.has(card.key)) continue;
        const { result, outcome } = await withWriteHints({ cardKey: card.key }, () =>
          strapi.documents(TEASER_UID).create({
            data: {
              text: card.text,
              kind: card.kind,
              sponsor: card.sponsor,
              firstSeenAt: seenAt.toISOString(),
              lastSeenAt: seenAt.toISOString(),
              timesSeen: 1,
            } as never,
          })
        );
        totals.teasers.set(card.key, result.documentId);
        if (outcome?.action === 'merged') totals.merged += 1;
        else totals.created += 1;
      }
      return totals;
    },

    /** Links the editorial card whose text is `dek` to the article, when such a card exists. */
    async linkCardToArticle(dek: string | null, articleDocumentId: string): Promise<void> {
      if (!dek) return;
      await keys().claim('dek', [matchKey(dek)], articleDocumentId, { strict: false });
      const [teaser] = await keys().findOwners('card', [editorialCardKey(dek)]);
      if (!teaser) return;
      const current = (await strapi.documents(TEASER_UID).findOne({
        documentId: teaser,
        populate: { article: { fields: ['documentId'] } },
      })) as { article?: { documentId: string } | null } | null;
      if (current && current.article?.documentId !== articleDocumentId) {
        await strapi.documents(TEASER_UID).update({ documentId: teaser, data: { article: articleDocumentId } as never });
      }
    },

    /** The article whose dek is this card's text, if any: a card that arrives after its story. */
    async articleForCardText(text: string): Promise<string | null> {
      const [article] = await keys().findOwners('dek', [matchKey(text)]);
      return article ?? null;
    },
  };
};

export default teasersService;
export type TeasersService = ReturnType<typeof teasersService>;
