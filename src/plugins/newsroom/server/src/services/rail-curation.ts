import type { Core } from '@strapi/strapi';
import type { CurationRequest } from '../controllers/admin-requests';
import { editorialCardKey } from '../dedupe';
import type { CardTarget, RailCard, RailCuration, RailPin } from '../rail';
import type { RailCurationEntry } from '../admin-views';
import { curationInForce, deleteCuration, upsertCuration, type CurationRow } from '../persistence/rail-curation';
import { ARTICLE_UID, TEASER_UID } from '../uids';
import { withConnection } from '../persistence/connection';
import { getPluginService } from '../utils/plugin';

export type { RailCurationEntry };

/** Who made a decision, as the admin shows a user. */
export interface Editor {
  id: number | null;
  name: string;
}

/** What the decision was about does not exist (an unknown documentId). */
export class CurationTargetNotFound extends Error {}

/**
 * Editors' pins and hides on the Latest rail: stored here, one decision per card, and handed to
 * the rail's assembly as a pure input (`forAssembly`). A decision reassembles the rail at once.
 */
const railCurationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rowsInForce = async (now: number): Promise<CurationRow[]> => withConnection(strapi, (db) => curationInForce(db, now));

  const findTarget = async (type: 'article' | 'teaser', documentId: string) =>
    type === 'article'
      ? ((await strapi.db.query(ARTICLE_UID).findOne({ where: { documentId }, select: ['title'] })) as { title: string } | null)
      : ((await strapi.db.query(TEASER_UID).findOne({ where: { documentId }, select: ['text'] })) as { text: string } | null);

  /** Each target's article title or teaser text, by "type:documentId". */
  const labelsOf = async (rows: readonly CurationRow[]): Promise<Map<string, string>> => {
    const ids = (type: string) => rows.filter((row) => row.target_type === type).map((row) => row.target_document_id);
    const labels = new Map<string, string>();
    for (const [type, uid, field] of [['article', ARTICLE_UID, 'title'], ['teaser', TEASER_UID, 'text']] as const) {
      const documentIds = ids(type);
      if (documentIds.length === 0) continue;
      const found = (await strapi.db.query(uid).findMany({ where: { documentId: { $in: documentIds } }, select: ['documentId', field] })) as Array<
        Record<string, string>
      >;
      for (const row of found) labels.set(`${type}:${row.documentId}`, row[field]);
    }
    return labels;
  };

  return {
    /**
     * Records one decision (a pin or hide replaces the card's earlier one; clear removes it) and
     * reassembles the rail, which bumps its version and tells the rebuild webhooks when it changed.
     */
    async decide(request: CurationRequest, editor: Editor): Promise<void> {
      const { type, documentId } = request.target;
      if (!(await findTarget(type, documentId))) throw new CurationTargetNotFound(`no ${type} ${documentId}`);
      await withConnection(strapi, (db) =>
        request.action === 'clear'
          ? deleteCuration(db, request.target)
          : upsertCuration(db, request.target, {
              action: request.action,
              position: request.action === 'pin' ? request.position : null,
              until: request.action === 'pin' ? request.until : null,
              decidedById: editor.id,
              decidedBy: editor.name,
              at: new Date(),
            })
      );
      await getPluginService(strapi, 'rail').assembleNow();
    },

    /** The decisions in force, newest first, each with its article's title or teaser's text. */
    async list(): Promise<RailCurationEntry[]> {
      const rows = await rowsInForce(Date.now());
      const labels = await labelsOf(rows);
      return rows.map((row) => ({
        target: {
          type: row.target_type,
          documentId: row.target_document_id,
          label: labels.get(`${row.target_type}:${row.target_document_id}`) ?? null,
        },
        action: row.action,
        position: row.position === null ? null : Number(row.position),
        until: row.until_ms === null ? null : new Date(Number(row.until_ms)).toISOString(),
        decidedBy: row.decided_by,
        decidedAt: new Date(Number(row.decided_at_ms)).toISOString(),
      }));
    },

    /**
     * The teaser behind each shown card that no article carries (by card text), so the Newsroom page
     * can pin or hide it too. Sponsored labels keep their slots and are not offered.
     */
    async teasersOfCards(cards: readonly RailCard[]): Promise<Record<string, string>> {
      const texts = cards.filter((card) => card.article === null && card.kind === 'editorial').map((card) => card.text);
      const owners = await getPluginService(strapi, 'dedupeKeys').ownersByKey('card', texts.map(editorialCardKey));
      const teasers: Record<string, string> = {};
      for (const text of texts) {
        const owner = owners.get(editorialCardKey(text));
        if (owner) teasers[text] = owner;
      }
      return teasers;
    },

    /**
     * The curation as the pure assembly takes it, at `now`. A teaser linked to an article stands
     * for the article's card; a teaser of its own stands for its text.
     */
    async forAssembly(now: Date): Promise<RailCuration> {
      const rows = await rowsInForce(now.getTime());
      const teaserIds = rows.filter((row) => row.target_type === 'teaser').map((row) => row.target_document_id);
      // Every assembly asks; most find no decision at all and read nothing more.
      const teasers = teaserIds.length === 0 ? [] : ((await strapi.db.query(TEASER_UID).findMany({
        where: { documentId: { $in: teaserIds } },
        select: ['documentId', 'text', 'kind', 'sponsor'],
        populate: { article: { select: ['documentId'] } },
      })) as Array<{ documentId: string; text: string; kind: string | null; sponsor: string | null; article: { documentId: string } | null }>);
      const teaserById = new Map(teasers.map((teaser) => [teaser.documentId, teaser]));
      const targetOf = (row: CurationRow): CardTarget | null => {
        if (row.target_type === 'article') return { article: row.target_document_id };
        const teaser = teaserById.get(row.target_document_id);
        if (!teaser) return null;
        if (teaser.article) return { article: teaser.article.documentId };
        return { text: teaser.text, kind: teaser.kind === 'sponsored' ? 'sponsored' : 'editorial', sponsor: teaser.sponsor };
      };
      const pins: RailPin[] = [];
      const hidden: CardTarget[] = [];
      for (const row of rows) {
        const target = targetOf(row);
        if (target === null) continue;
        if (row.action === 'hide') hidden.push(target);
        else {
          pins.push({
            target,
            position: Number(row.position),
            pinnedAt: new Date(Number(row.decided_at_ms)).toISOString(),
            until: row.until_ms === null ? null : new Date(Number(row.until_ms)).toISOString(),
          });
        }
      }
      return { now: now.toISOString(), pins, hidden };
    },
  };
};

export default railCurationService;
export type RailCurationService = ReturnType<typeof railCurationService>;
