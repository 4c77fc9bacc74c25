import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';
import { editorialCardKey, normalisedTextHash } from '../dedupe';
import { TEASER_UID } from '../uids';
import { afterCommit } from '../persistence/connection';
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
 * Strapi's entry.create event for teasers stored through the query engine, which announces
 * nothing: sent after the commit with the entry as the document service gives it (read then, with
 * its article, sanitised), so Strapi's webhooks and other listeners hear of imported teasers too.
 */
function announceCreated(strapi: Core.Strapi, documentIds: readonly string[]): void {
  if (documentIds.length === 0) return;
  const model = strapi.getModel(TEASER_UID);
  const announce = async () => {
    const entries = await strapi.db.query(TEASER_UID).findMany({ where: { documentId: { $in: [...documentIds] } }, populate: { article: true } });
    for (const entry of entries) {
      const sanitized = await sanitize.sanitizers.defaultSanitizeOutput({ schema: model, getModel: (uid) => strapi.getModel(uid as never) }, entry);
      await strapi.eventHub.emit('entry.create', { model: model.modelName, uid: model.uid, entry: sanitized });
    }
  };
  afterCommit(strapi, () => {
    announce().catch((error: unknown) => strapi.log.error(`[newsroom] entry.create events for new teasers failed: ${String(error)}`));
  });
}

/**
 * Teasers: one per blurb. Cards seen again are counted in one statement for the whole rail, so a
 * page whose rail the site has shown many times costs one query, not twenty writes; cards seen for
 * the first time are inserted together (insertCards).
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
     * become teasers (insertCards). The importer does here, for the whole rail at once, what the
     * dedupe middleware does for one create: look the card up, link a blurb to the article whose
     * dek it is.
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
     * New cards in one insert through the query engine, each claiming its card key; a card whose
     * key another process claimed first (it read a page with the same card at the same moment) is
     * taken back and counted as a sighting of that process's teaser. A page brings up to a rail's
     * worth of new cards, and a document-service create each cost a quarter more time per page.
     * The few that are an article's dek are then linked through the document service, which links
     * a teaser to every version of its article.
     */
    async insertCards(cards: ReadonlyArray<CardSighting & { article?: string | null }>, seenAt: Date, totals: SightingTotals): Promise<void> {
      if (cards.length === 0) return;
      const teasers = strapi.db.query(TEASER_UID);
      const rows = cards.map((card) => ({ documentId: createId(), ...teaserData(card, seenAt) }));
      // All or nothing: in the caller's transaction when there is one, else in one of its own.
      const taken = await strapi.db.transaction(async () => {
        await teasers.createMany({ data: rows });
        const claims = cards.map((card, i) => ({ scope: 'card' as const, key: card.key, documentId: rows[i].documentId }));
        const claimed = new Set((await keys().claimAll(claims)).map((claim) => claim.key));
        const lost = rows.filter((_, i) => !claimed.has(cards[i].key)).map((row) => row.documentId);
        if (lost.length > 0) await teasers.deleteMany({ where: { documentId: { $in: lost } } });
        return claimed;
      });

      const lostKeys = cards.filter((card) => !taken.has(card.key)).map((card) => card.key);
      const winners = await keys().ownersByKey('card', lostKeys);
      await this.countSightings([...winners.values()], seenAt);
      cards.forEach((card, i) => {
        const winner = winners.get(card.key);
        if (taken.has(card.key)) {
          totals.teasers.set(card.key, rows[i].documentId);
          totals.created += 1;
        } else if (winner) {
          totals.teasers.set(card.key, winner);
          totals.merged += 1;
        }
      });
      const kept = cards.flatMap((card, i) => (taken.has(card.key) ? [{ documentId: rows[i].documentId, article: card.article ?? null }] : []));
      await strapi.db.transaction(async () => {
        // Sent at the commit, after the links below, so a listener hears of the create first and it carries its article.
        announceCreated(strapi, kept.map((teaser) => teaser.documentId));
        for (const teaser of kept) {
          if (teaser.article) await strapi.documents(TEASER_UID).update({ documentId: teaser.documentId, data: { article: teaser.article } as never });
        }
      });
    },

    /**
     * One card a client creates (REST, GraphQL, the admin), known by its editorial card key: a
     * repeat counts as a sighting of the stored teaser; a new blurb is linked to the article whose
     * dek it is and stored by `create`, the client's own write, claiming the key.
     */
    async storeCreatedCard(
      card: { key: string; text: string; data: Record<string, unknown> },
      create: () => Promise<{ documentId: string }>
    ): Promise<{ action: 'created' | 'merged'; documentId: string }> {
      if (card.data.article === undefined) {
        const article = await this.articleForCardText(card.text);
        if (article) card.data.article = article;
      }
      const found = await keys().findOrCreate('card', card.key, create);
      if (found.created) return { action: 'created', documentId: found.documentId };
      await this.countSightings([found.documentId], new Date());
      return { action: 'merged', documentId: found.documentId };
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
