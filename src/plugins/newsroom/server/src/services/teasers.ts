import type { Core } from '@strapi/strapi';
import { outcomeOf, withHints } from '../context/write-params';
import { editorialCardKey, normalisedTextHash } from '../dedupe';
import { TEASER_UID } from '../uids';
import { getPluginService } from '../utils/plugin';

export interface CardSighting {
  key: string;
  text: string;
  kind: 'editorial' | 'sponsored' | 'blank';
  sponsor: string | null;
  /** The page was cut off inside this card: stored marked, never shown in the rail as a card. */
  cut?: boolean;
}

export interface SightingTotals {
  created: number;
  merged: number;
  /** Teaser documentId per card key. */
  teasers: Map<string, string>;
}

function teaserData(card: CardSighting, seenAt: Date) {
  return {
    text: card.text,
    kind: card.kind,
    sponsor: card.sponsor,
    firstSeenAt: seenAt.toISOString(),
    lastSeenAt: seenAt.toISOString(),
    timesSeen: 1,
    fragment: card.cut === true,
  };
}

/**
 * Teasers: one per blurb. Cards seen again are counted in one statement for the whole rail, so a
 * page whose rail the site has shown many times costs one query, not twenty writes; only cards seen
 * for the first time are created, through the document service and its dedupe middleware.
 */
const teasersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const keys = () => getPluginService(strapi, 'dedupeKeys');
  const column = (attribute: string) => (strapi.db.metadata.get(TEASER_UID).attributes[attribute] as unknown as { columnName: string }).columnName;

  return {
    /** Counts one more sighting of each teaser, at `seenAt`. */
    async countSightings(documentIds: readonly string[], seenAt: Date): Promise<void> {
      if (documentIds.length === 0) return;
      const where = { documentId: { $in: [...new Set(documentIds)] } };
      // An editor may have cleared the count: it starts again from nothing.
      await strapi.db.query(TEASER_UID).updateMany({ where: { ...where, timesSeen: null }, data: { timesSeen: 0 } });
      await strapi.db
        .queryBuilder(TEASER_UID)
        .where(where)
        .increment(column('timesSeen'))
        .update({ [column('lastSeenAt')]: seenAt, [column('updatedAt')]: seenAt })
        .execute();
    },

    /**
     * Records every card a page showed. Cards seen before are counted in one statement; new cards
     * become teasers (insertCards).
     */
    async recordSightings(cards: readonly CardSighting[], seenAt: Date): Promise<SightingTotals> {
      const totals: SightingTotals = { created: 0, merged: 0, teasers: new Map() };
      const distinct = new Map<string, CardSighting>();
      for (const card of cards) if (!distinct.has(card.key)) distinct.set(card.key, card);

      const owners = await keys().ownersByKey('card', [...distinct.keys()]);
      await this.countSightings([...owners.values()], seenAt);
      for (const [key, documentId] of owners) totals.teasers.set(key, documentId);
      totals.merged += owners.size;

      // The articles whose deks the new blurbs are, looked up for the whole rail at once.
      const fresh = [...distinct.values()].filter((card) => !owners.has(card.key));
      const isBlurb = (card: CardSighting) => card.kind === 'editorial' && card.text.trim() !== '';
      const articles = await keys().ownersByKey('dek', fresh.filter(isBlurb).map((card) => normalisedTextHash(card.text)));
      const withArticles = fresh.map((card) => ({ ...card, article: isBlurb(card) ? (articles.get(normalisedTextHash(card.text)) ?? null) : null }));
      await this.insertCards(withArticles, seenAt, totals);
      return totals;
    },

    /**
     * New cards, each created through the document service with the key the importer derived for
     * it, and linked to the article whose dek it is: the dedupe middleware claims the key (a card
     * another process stored first at the same moment counts as a sighting of that teaser instead).
     */
    async insertCards(cards: ReadonlyArray<CardSighting & { article?: string | null }>, seenAt: Date, totals: SightingTotals): Promise<void> {
      for (const card of cards) {
        // An article given (or null: none) spares the middleware its own lookup.
        const data = { ...teaserData(card, seenAt), ...(card.article !== undefined ? { article: card.article } : {}) };
        const params = withHints({ data: data as never }, { cardKey: card.key });
        const teaser = await strapi.documents(TEASER_UID).create(params);
        totals.teasers.set(card.key, teaser.documentId);
        if (outcomeOf(params)?.action === 'merged') totals.merged += 1;
        else totals.created += 1;
      }
    },

    /** Links the editorial card whose text is `dek` to the article, when such a card exists. */
    async linkCardToArticle(dek: string | null, articleDocumentId: string): Promise<void> {
      if (!dek) return;
      await keys().claim('dek', [normalisedTextHash(dek)], articleDocumentId, { strict: false });
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
      const [article] = await keys().findOwners('dek', [normalisedTextHash(text)]);
      return article ?? null;
    },
  };
};

export default teasersService;
export type TeasersService = ReturnType<typeof teasersService>;
