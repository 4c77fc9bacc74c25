import type { Core } from '@strapi/strapi';
import { createTableOnce, withConnection, type Knex } from '../utils/db';
import type { MergeLogEntry } from '../admin-views';

export type { MergeLogEntry };

/**
 * Which copy merged into which article, newest first, for editors. Kept whole: with the article's
 * sources (the copies whose text it carries) it is the list of every page a story was read from.
 */
export const MERGE_LOG_TABLE = 'newsroom_merge_log';
const DOCUMENT_INDEX = `${MERGE_LOG_TABLE}_document_idx`;

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
      // Also on a log made before the index was (IF NOT EXISTS: SQLite and PostgreSQL alike).
      await knex().raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (??, ??)`, [DOCUMENT_INDEX, MERGE_LOG_TABLE, 'document_id', 'id']);
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
      });
    },

    /** The newest merges, of every article or of one (`documentId`). */
    async list({ limit = 50, documentId }: { limit?: number; documentId?: string } = {}): Promise<MergeLogEntry[]> {
      const size = Math.min(Math.max(Math.trunc(limit), 1), 500);
      const rows: MergeLogRow[] = await withConnection(strapi, (db) => {
        const query = db(MERGE_LOG_TABLE).orderBy('id', 'desc').limit(size);
        return documentId === undefined ? query : query.where('document_id', documentId);
      });
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
