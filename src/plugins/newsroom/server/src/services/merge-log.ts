import type { Core } from '@strapi/strapi';
import { createTableOnce, withConnection, type Knex } from '../utils/db';
import type { MergeLogEntry } from '../admin-views';

export type { MergeLogEntry };

/** Which copy merged into which article, newest first, for editors. */
export const MERGE_LOG_TABLE = 'newsroom_merge_log';
/** The log is for recent history; older rows are trimmed as new ones arrive. */
const KEEP_ROWS = 2000;

interface MergeLogRow {
  id: number | string;
  at: string | Date | number;
  document_id: string;
  title: string;
  source: string;
  changed: boolean | number;
}

const mergeLogService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  let written = 0;

  return {
    async ensureTable(): Promise<void> {
      await createTableOnce(strapi, MERGE_LOG_TABLE, (table) => {
        table.increments('id');
        table.timestamp('at').notNullable();
        table.string('document_id', 64).notNullable();
        table.string('title', 300).notNullable();
        table.string('source', 2048).notNullable();
        table.boolean('changed').notNullable();
      });
    },

    async record(entry: Omit<MergeLogEntry, 'at'>): Promise<void> {
      await withConnection(strapi, async (db) => {
        await db(MERGE_LOG_TABLE).insert({
          at: new Date(),
          document_id: entry.documentId,
          title: entry.title.slice(0, 300),
          source: entry.source.slice(0, 2048),
          changed: entry.changed,
        });
        written += 1;
        if (written % 100 === 0) {
          const newest = db(MERGE_LOG_TABLE).select('id').orderBy('id', 'desc').limit(KEEP_ROWS);
          await db(MERGE_LOG_TABLE).whereNotIn('id', newest).delete();
        }
      });
    },

    async list({ limit = 50 }: { limit?: number } = {}): Promise<MergeLogEntry[]> {
      const size = Math.min(Math.max(Math.trunc(limit), 1), 500);
      const rows: MergeLogRow[] = await withConnection(strapi, (db) => db(MERGE_LOG_TABLE).orderBy('id', 'desc').limit(size));
      return rows.map((row) => ({
        at: new Date(row.at).toISOString(),
        documentId: row.document_id,
        title: row.title,
        source: row.source,
        changed: row.changed === true || row.changed === 1,
      }));
    },
  };
};

export default mergeLogService;
export type MergeLogService = ReturnType<typeof mergeLogService>;
