import type { Core } from '@strapi/strapi';
import { MERGE_LOG_TABLE } from '../persistence/tables';
import { withConnection } from '../utils/db';
import type { MergeLogEntry } from '../admin-views';

export type { MergeLogEntry };

/** What undoing a merge needs, kept with it: see story.splitOut. */
export interface MergedCopy {
  /** The copy's article fields as they arrived (body as blocks, category as a documentId). */
  data: Record<string, unknown>;
  truncated: boolean;
  /** Every story key of the copy, and those of them the story claimed from it. */
  keys: string[];
  claimedKeys: string[];
  /** The page text's key when the copy was read from a page. */
  pageKey: string | null;
  /** The story's values the merge replaced (field → value before), and what it wrote. */
  replaced: Record<string, unknown>;
  wrote: Record<string, unknown>;
}

export interface MergeRecord {
  id: number;
  action: 'merge' | 'split';
  documentId: string;
  title: string;
  source: string;
  splitInto: string | null;
  copy: MergedCopy | null;
}

/** A split: copies like `keys` are the story `splitInto`, not `documentId`. */
export interface SplitRecord {
  documentId: string;
  splitInto: string;
  keys: string[];
}

interface MergeLogRow {
  id: number | string;
  action: string | null;
  at: string | Date | number;
  document_id: string;
  title: string;
  source: string;
  changed: boolean | number;
  copy: string | null;
  copy_keys: string | null;
  claimed_keys: string | null;
  page_key: string | null;
  restore: string | null;
  split_document_id: string | null;
  decided_by: string | null;
}

const parseList = (text: string | null): string[] => (text ? (JSON.parse(text) as string[]) : []);

/**
 * Which copy merged into which article, newest first, for editors. Kept whole: with the article's
 * sources (the copies whose text it carries) it is the list of every page a story was read from.
 * Each merge keeps its copy, so an editor can split a wrong merge back out.
 */
const mergeLogService = ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    async record(entry: { documentId: string; title: string; source: string; changed: boolean; copy: MergedCopy }): Promise<void> {
      const { copy } = entry;
      await withConnection(strapi, async (db) => {
        await db(MERGE_LOG_TABLE).insert({
          at: new Date(),
          action: 'merge',
          document_id: entry.documentId,
          title: entry.title.slice(0, 300),
          source: entry.source.slice(0, 2048),
          changed: entry.changed,
          copy: JSON.stringify({ data: copy.data, truncated: copy.truncated }),
          copy_keys: JSON.stringify(copy.keys),
          claimed_keys: JSON.stringify(copy.claimedKeys),
          page_key: copy.pageKey,
          restore: JSON.stringify({ replaced: copy.replaced, wrote: copy.wrote }),
        });
      });
    },

    /** One row of the log, with the copy it kept; null when there is no such row. */
    async find(id: number): Promise<MergeRecord | null> {
      const row: MergeLogRow | undefined = await withConnection(strapi, (db) => db(MERGE_LOG_TABLE).where('id', id).first());
      if (!row) return null;
      const copy = row.copy ? (JSON.parse(row.copy) as { data: Record<string, unknown>; truncated: boolean }) : null;
      const restore = row.restore ? (JSON.parse(row.restore) as { replaced: Record<string, unknown>; wrote: Record<string, unknown> }) : null;
      return {
        id: Number(row.id),
        action: row.action === 'split' ? 'split' : 'merge',
        documentId: row.document_id,
        title: row.title,
        source: row.source,
        splitInto: row.split_document_id,
        copy:
          copy && restore
            ? {
                ...copy,
                keys: parseList(row.copy_keys),
                claimedKeys: parseList(row.claimed_keys),
                pageKey: row.page_key,
                replaced: restore.replaced,
                wrote: restore.wrote,
              }
            : null,
      };
    },

    /** Marks a merge as split out into `splitInto`, and logs the split beside it. */
    async recordSplit(merge: MergeRecord & { copy: MergedCopy }, splitInto: string, decidedBy: string): Promise<void> {
      await withConnection(strapi, async (db) => {
        await db(MERGE_LOG_TABLE).where('id', merge.id).update({ split_document_id: splitInto });
        await db(MERGE_LOG_TABLE).insert({
          at: new Date(),
          action: 'split',
          document_id: merge.documentId,
          title: merge.title,
          source: merge.source,
          changed: true,
          copy_keys: JSON.stringify(merge.copy.keys),
          split_document_id: splitInto,
          merge_id: merge.id,
          decided_by: decidedBy.slice(0, 255),
        });
      });
    },

    /** The splits editors made out of a story: copies known by their keys belong elsewhere. */
    async splitsFrom(documentId: string): Promise<SplitRecord[]> {
      const rows: Array<Pick<MergeLogRow, 'document_id' | 'split_document_id' | 'copy_keys'>> = await withConnection(strapi, (db) =>
        db(MERGE_LOG_TABLE).select('document_id', 'split_document_id', 'copy_keys').where({ document_id: documentId, action: 'split' })
      );
      return rows.map((row) => ({ documentId: row.document_id, splitInto: row.split_document_id as string, keys: parseList(row.copy_keys) }));
    },

    /** The newest merges and splits, of every article or of one (`documentId`). */
    async list({ limit = 50, documentId }: { limit?: number; documentId?: string } = {}): Promise<MergeLogEntry[]> {
      const size = Math.min(Math.max(Math.trunc(limit), 1), 500);
      const rows: MergeLogRow[] = await withConnection(strapi, (db) => {
        const query = db(MERGE_LOG_TABLE)
          .select('id', 'action', 'at', 'document_id', 'title', 'source', 'changed', 'split_document_id', 'decided_by', db.raw('?? IS NOT NULL AS ??', ['copy', 'has_copy']))
          .orderBy('id', 'desc')
          .limit(size);
        return documentId === undefined ? query : query.where('document_id', documentId);
      });
      return rows.map((row) => ({
        id: Number(row.id),
        action: row.action === 'split' ? 'split' : 'merge',
        at: new Date(row.at).toISOString(),
        documentId: row.document_id,
        title: row.title,
        source: row.source,
        changed: row.changed === true || row.changed === 1,
        splitInto: row.split_document_id,
        splittable: row.action !== 'split' && row.split_document_id === null && Boolean((row as unknown as { has_copy: unknown }).has_copy),
        decidedBy: row.decided_by,
      }));
    },
  };
};

export default mergeLogService;
export type MergeLogService = ReturnType<typeof mergeLogService>;
