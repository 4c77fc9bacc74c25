import type { Core } from '@strapi/strapi';
import { canonicalUrlOf, readingFieldsOf } from '../blocks';
import { ARTICLE_UID } from '../uids';
import { runInBackground } from '../persistence/connection';

/** Rows given their reading fields per pass of the backfill. */
const BACKFILL_BATCH = 200;

/** The reading fields of articles stored before they existed. */
const readingFieldsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let stopping = false;
  let running: Promise<unknown> = Promise.resolve();

  /**
   * Gives every stored version (draft and published rows alike, their bodies may differ) that has no
   * word count its reading fields, a batch at a time, until none is left or the plugin stops.
   */
  async function backfill(): Promise<number> {
    let filled = 0;
    while (!stopping) {
      const rows = (await strapi.db.query(ARTICLE_UID).findMany({
        where: { wordCount: { $null: true } },
        select: ['id', 'body', 'imageFile'],
        populate: { image: { select: ['id'] }, sources: true },
        limit: BACKFILL_BATCH,
      })) as Array<{ id: number; body: unknown; imageFile: string | null; image?: unknown; sources?: unknown }>;
      if (rows.length === 0) break;
      for (const row of rows) {
        if (stopping) return filled;
        const data = { ...readingFieldsOf(row.body, Boolean(row.imageFile || row.image)), canonicalUrl: canonicalUrlOf(row.sources) };
        // updateMany: one UPDATE, without the read back a single update does.
        await strapi.db.query(ARTICLE_UID).updateMany({ where: { id: row.id }, data });
      }
      filled += rows.length;
    }
    return filled;
  }

  return {
    backfill,

    /**
     * At boot, in the background: a large archive (two rows per published story) takes minutes,
     * and the server answers meanwhile; an article without its figures yet reads them as null.
     */
    startBackfill(): void {
      running = runInBackground(() =>
        backfill()
          .then((filled) => {
            if (filled > 0) strapi.log.info(`[newsroom] reading fields filled in for ${filled} stored article versions`);
          })
          .catch((error: unknown) => strapi.log.error(`[newsroom] reading fields backfill failed: ${String(error)}`))
      );
    },

    /** Destroy: the backfill stops after the row it is writing, before the pool closes. */
    async stop(): Promise<void> {
      stopping = true;
      await running;
    },
  };
};

export type ReadingFieldsService = ReturnType<typeof readingFieldsService>;
export default readingFieldsService;
