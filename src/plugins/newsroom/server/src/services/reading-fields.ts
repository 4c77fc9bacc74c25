import type { Core } from '@strapi/strapi';
import { canonicalUrlOf, readingFieldsOf } from '../blocks';
import { ARTICLE_UID } from '../uids';

/** Rows given their reading fields per pass of the backfill. */
const BACKFILL_BATCH = 200;

/** The reading fields of articles stored before they existed. */
const readingFieldsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Gives every stored version (draft and published rows alike, their bodies may differ) that has no
   * word count its reading fields. Runs at boot; a database with nothing to fill costs one read.
   */
  async backfill(): Promise<number> {
    let filled = 0;
    for (;;) {
      const rows = (await strapi.db.query(ARTICLE_UID).findMany({
        where: { wordCount: { $null: true } },
        select: ['id', 'body', 'imageFile'],
        populate: { image: { select: ['id'] }, sources: true },
        limit: BACKFILL_BATCH,
      })) as Array<{ id: number; body: unknown; imageFile: string | null; image?: unknown; sources?: unknown }>;
      if (rows.length === 0) return filled;
      for (const row of rows) {
        const data = { ...readingFieldsOf(row.body, Boolean(row.imageFile || row.image)), canonicalUrl: canonicalUrlOf(row.sources) };
        await strapi.db.query(ARTICLE_UID).update({ where: { id: row.id }, data });
      }
      filled += rows.length;
    }
  },
});

export type ReadingFieldsService = ReturnType<typeof readingFieldsService>;
export default readingFieldsService;
