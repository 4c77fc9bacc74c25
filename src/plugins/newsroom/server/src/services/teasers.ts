import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';
import { withWriteHints } from '../context/write-context';
import { editorialCardKey, matchKey } from '../dedupe';
import { TEASER_UID } from '../middlewares/types';
import { afterCommit, undoable, withConnection } from '../utils/db';
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

function teaserData(card: CardSighting, seenAt: Date) {
  return {
    text: card.text,
    kind: card.kind,
    sponsor: card.sponsor,
    firstSeenAt: seenAt.toISOString(),
    lastSeenAt: seenAt.toISOString(),
    timesSeen: 1,
  };
}

/**
 * Strapi's entry.create event for teasers written without the document service, with the entry
 * as the document service gives it (read after the commit, sanitised), so Strapi's webhooks and
 * any other listener hear of imported teasers too.
 */
async function emitCreated(strapi: Core.Strapi, documentIds: readonly string[]): Promise<void> {
  if (documentIds.length === 0) return;
  const model = strapi.getModel(TEASER_UID);
  const entries = await strapi.db.query(TEASER_UID).findMany({ where: { documentId: { $in: [...documentIds] } } });
  for (const entry of entries) {
    const sanitized = await sanitize.sanitizers.defaultSanitizeOutput({ schema: model, getModel: (uid) => strapi.getModel(uid as never) }, entry);
    await strapi.eventHub.emit('entry.create', { model: model.modelName, uid: model.uid, entry: sanitized });
  }
}

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

    /**
     * Records every card a page showed. Cards seen before are counted; new cards become teasers.
     * The importer does here, for the whole rail at once, what the dedupe middleware does for one
     * create (look the card up, link an editorial card to the article whose dek it is), so new
     * cards are written with one statement and claimed with one more: through the document
     * service, each would cost Strapi's per-document work (validation, a read back, a populated
     * read for its event), which made teasers most of the cost of reading a page. Cards that
     * link to an article still go through the document service, which writes the relation.
     */
    async recordSightings(cards: readonly CardSighting[], seenAt: Date): Promise<SightingTotals> {
      const totals: SightingTotals = { created: 0, merged: 0, teasers: new Map() };
      const distinct = new Map<string, CardSighting>();
      for (const card of cards) if (!distinct.has(card.key)) distinct.set(card.key, card);

      const owners = await keys().ownersByKey('card', [...distinct.keys()]);
      await this.countSightings([...owners.values()], seenAt);
      for (const [key, documentId] of owners) totals.teasers.set(key, documentId);
      totals.merged += owners.size;

      const fresh = [...distinct.values()].filter((card) => !owners.has(card.key));
      const isBlurb = (card: CardSighting) => card.kind === 'editorial' && card.text.trim() !== '';
      const articles = await keys().ownersByKey('dek', fresh.filter(isBlurb).map((card) => matchKey(card.text)));
      const articleOf = (card: CardSighting) => (isBlurb(card) ? articles.get(matchKey(card.text)) : undefined);

      await this.insertCards(
        fresh.filter((card) => !articleOf(card)),
        seenAt,
        totals
      );
      for (const card of fresh) {
        const article = articleOf(card);
        if (!article) continue;
        const { result, outcome } = await withWriteHints({ cardKey: card.key, cardKeyUnowned: true }, () =>
          strapi.documents(TEASER_UID).create({ data: { ...teaserData(card, seenAt), article } as never })
        );
        totals.teasers.set(card.key, result.documentId);
        if (outcome?.action === 'merged') totals.merged += 1;
        else totals.created += 1;
      }
      return totals;
    },

    /**
     * New cards with no article, in one insert, each claiming its card key. A card whose key
     * another process claimed first (it read a page with the same card at the same moment) is
     * taken back and counted as a sighting of that process's teaser. Strapi's entry.create event
     * is emitted for each teaser kept, after the commit, as the document service would.
     */
    async insertCards(cards: readonly CardSighting[], seenAt: Date, totals: SightingTotals): Promise<void> {
      if (cards.length === 0) return;
      const rows = cards.map((card) => ({ documentId: createId(), ...teaserData(card, seenAt) }));
      const taken = await undoable(strapi, async () => {
        await strapi.db.query(TEASER_UID).createMany({ data: rows });
        const claims = cards.map((card, i) => ({ scope: 'card' as const, key: card.key, documentId: rows[i].documentId }));
        const claimed = new Set((await keys().claimAll(claims)).map((claim) => claim.key));
        const lost = rows.filter((_, i) => !claimed.has(cards[i].key)).map((row) => row.documentId);
        if (lost.length > 0) await withConnection(strapi, (db) => db(TEASERS_TABLE).whereIn('document_id', lost).delete());
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
      const kept = rows.filter((_, i) => taken.has(cards[i].key)).map((row) => row.documentId);
      afterCommit(strapi, () => {
        emitCreated(strapi, kept).catch((error: unknown) =>
          strapi.log.error(`[newsroom] entry.create events for new teasers failed: ${String(error)}`)
        );
      });
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
