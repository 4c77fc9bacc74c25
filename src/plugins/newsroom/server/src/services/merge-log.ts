import type { Core } from '@strapi/strapi';
import { MERGE_LOG_TABLE } from '../persistence/tables';
import { withConnection } from '../utils/db';
import type { MergeLogEntry } from '../admin-views';

export type { MergeLogEntry };

interface MergeLogRow {
  id: number | string;
  at: string | Date | number;
  document_id: string;
  title: string;
  source: string;
  changed: boolean | number;
}

/**
 * Which copy merged into which article, newest first, for editors. Kept whole: with the article's
 * sources (the copies whose text it carries) it is the list of every page a story was read from.
 */
const mergeLogService = ({ strapi }: { strapi: Core.Strapi }) => {

  return {
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
