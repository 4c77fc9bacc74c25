import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';
import { editorialCardKey, normalisedTextHash } from '../dedupe';
import { ARTICLE_UID, TEASER_UID } from '../uids';
import { afterCommit, withConnection } from '../utils/db';
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

const TEASERS_TABLE = 'teasers';

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
 * Strapi's entry.create event for teasers written without the document service, with the entry
 * as the document service gives it (read after the commit, sanitised), so Strapi's webhooks and
 * any other listener hear of imported teasers too.
 */
async function emitCreated(strapi: Core.Strapi, documentIds: readonly string[]): Promise<void> {
  if (documentIds.length === 0) return;
  const model = strapi.getModel(TEASER_UID);
  // With its article, as the document service's event gives a teaser (relations populated).
  const entries = await strapi.db.query(TEASER_UID).findMany({ where: { documentId: { $in: [...documentIds] } }, populate: { article: true } });
  for (const entry of entries) {
    const sanitized = await sanitize.sanitizers.defaultSanitizeOutput({ schema: model, getModel: (uid) => strapi.getModel(uid as never) }, entry);
    await strapi.eventHub.emit('entry.create', { model: model.modelName, uid: model.uid, entry: sanitized });
  }
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/**
 * Links new teasers to their articles, writing the rows Strapi's relation writer writes for a
 * create with `article` given: a teaser (no draft and publish) links to every version of its
 * article (the draft and, when there is one, the published), and the relation is one-to-one, so a
 * teaser linked before to one of those versions lets go of it. The names come from Strapi's
 * metadata. One lookup of each kind and one write of each kind for the whole page.
 */
async function linkNewTeasers(strapi: Core.Strapi, links: ReadonlyArray<{ teaser: string; article: string }>): Promise<void> {
  if (links.length === 0) return;
  // One teaser per article (a one-to-one relation): the last card linked to it keeps it, as when
  // the cards are created one after another.
  const teaserOf = new Map(links.map((link) => [link.article, link.teaser]));
  const { joinTable } = strapi.db.metadata.get(TEASER_UID).attributes.article as unknown as { joinTable: JoinTable };
  const teaserTable = strapi.db.metadata.get(TEASER_UID).tableName;
  const articleTable = strapi.db.metadata.get(ARTICLE_UID).tableName;
  await withConnection(strapi, async (db) => {
    const teaserRows: Array<{ id: number; document_id: string }> = await db(teaserTable)
      .select('id', 'document_id')
      .whereIn('document_id', [...teaserOf.values()]);
    const articleRows: Array<{ id: number; document_id: string }> = await db(articleTable)
      .select('id', 'document_id')
      .whereIn('document_id', [...teaserOf.keys()]);
    const teaserId = new Map(teaserRows.map((row) => [row.document_id, Number(row.id)]));
    const rows = articleRows.flatMap((article) => {
      const teaser = teaserId.get(teaserOf.get(article.document_id) as string);
      return teaser === undefined ? [] : [{ [joinTable.joinColumn.name]: teaser, [joinTable.inverseJoinColumn.name]: Number(article.id) }];
    });
    if (rows.length === 0) return;
    await db(joinTable.name)
      .whereIn(joinTable.inverseJoinColumn.name, rows.map((row) => row[joinTable.inverseJoinColumn.name]))
      .whereNotIn(joinTable.joinColumn.name, [...teaserId.values()])
      .delete();
    await db(joinTable.name).insert(rows);
  });
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
     * read for its event), which made teasers most of the cost of reading a page.
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
      const articles = await keys().ownersByKey('dek', fresh.filter(isBlurb).map((card) => normalisedTextHash(card.text)));
      await this.insertCards(
        fresh.map((card) => ({ ...card, article: (isBlurb(card) && articles.get(normalisedTextHash(card.text))) || null })),
        seenAt,
        totals
      );
      return totals;
    },

    /**
     * New cards in one insert, each claiming its card key, and the links of those whose text is an
     * article's dek. A card whose key another process claimed first (it read a page with the same
     * card at the same moment) is taken back and counted as a sighting of that process's teaser.
     * Strapi's entry.create event is emitted for each teaser kept, after the commit, as the
     * document service would.
     */
    async insertCards(cards: ReadonlyArray<CardSighting & { article?: string | null }>, seenAt: Date, totals: SightingTotals): Promise<void> {
      if (cards.length === 0) return;
      const rows = cards.map((card) => ({ documentId: createId(), ...teaserData(card, seenAt) }));
      // All or nothing: in the caller's transaction when there is one (an error fails the caller's
      // write, which rolls back or retries it whole), else in a transaction of its own.
      const taken = await strapi.db.transaction(async () => {
        await strapi.db.query(TEASER_UID).createMany({ data: rows });
        const claims = cards.map((card, i) => ({ scope: 'card' as const, key: card.key, documentId: rows[i].documentId }));
        const claimed = new Set((await keys().claimAll(claims)).map((claim) => claim.key));
        const lost = rows.filter((_, i) => !claimed.has(cards[i].key)).map((row) => row.documentId);
        if (lost.length > 0) await withConnection(strapi, (db) => db(TEASERS_TABLE).whereIn('document_id', lost).delete());
        const links = cards.flatMap((card, i) => (claimed.has(card.key) && card.article ? [{ teaser: rows[i].documentId, article: card.article }] : []));
        await linkNewTeasers(strapi, links);
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
      // A linked teaser gives its article's rail card its text.
      if (cards.some((card) => card.article && taken.has(card.key))) getPluginService(strapi, 'rail').scheduleAssembly();
      afterCommit(strapi, () => {
        emitCreated(strapi, kept).catch((error: unknown) =>
          strapi.log.error(`[newsroom] entry.create events for new teasers failed: ${String(error)}`)
        );
      });
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
