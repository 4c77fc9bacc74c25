import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../uids';

/** Rows stamped per pass of the backfill. */
const BACKFILL_BATCH = 500;

/** An article's first publication (`firstPublishedAt`), kept on its draft and published rows alike. */
const publicationService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Gives a just-published document its first publication, `publishedAt` (the time of this
   * publish), on the rows that have none: one statement, which changes nothing after the first.
   */
  async stampFirstPublication(documentId: string, publishedAt: string | Date): Promise<void> {
    await strapi.db.query(ARTICLE_UID).updateMany({ where: { documentId, firstPublishedAt: { $null: true } }, data: { firstPublishedAt: publishedAt } });
  },

  /**
   * Articles published before the field existed take their current publication as their first (the
   * best that is known). Runs at boot; a database with nothing to stamp costs one read.
   */
  async backfillFirstPublication(): Promise<number> {
    let stamped = 0;
    for (;;) {
      const rows = (await strapi.db.query(ARTICLE_UID).findMany({
        where: { publishedAt: { $notNull: true }, firstPublishedAt: { $null: true } },
        select: ['documentId', 'publishedAt'],
        limit: BACKFILL_BATCH,
      })) as Array<{ documentId: string; publishedAt: string | Date }>;
      if (rows.length === 0) return stamped;
      for (const row of rows) {
        await strapi.db.query(ARTICLE_UID).updateMany({ where: { documentId: row.documentId }, data: { firstPublishedAt: row.publishedAt } });
      }
      stamped += rows.length;
    }
  },
});

export type PublicationService = ReturnType<typeof publicationService>;
export default publicationService;
