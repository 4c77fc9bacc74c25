import type { Core } from '@strapi/strapi';
import { insertMergeLogRow, markMergeSplit, mergeLogRow, newestMergeLogRows, splitRowsFrom } from '../persistence/merge-log';
import { withConnection } from '../persistence/connection';
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
      await withConnection(strapi, (db) =>
        insertMergeLogRow(db, {
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
        })
      );
    },

    /** One row of the log, with the copy it kept; null when there is no such row. */
    async find(id: number): Promise<MergeRecord | null> {
      const row = await withConnection(strapi, (db) => mergeLogRow(db, id));
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
        await markMergeSplit(db, merge.id, splitInto);
        await insertMergeLogRow(db, {
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
      const rows = await withConnection(strapi, (db) => splitRowsFrom(db, documentId));
      return rows.map((row) => ({ documentId: row.document_id, splitInto: row.split_document_id as string, keys: parseList(row.copy_keys) }));
    },

    /** The newest merges and splits, of every article or of one (`documentId`). */
    async list({ limit = 50, documentId }: { limit?: number; documentId?: string } = {}): Promise<MergeLogEntry[]> {
      const size = Math.min(Math.max(Math.trunc(limit), 1), 500);
      const rows = await withConnection(strapi, (db) => newestMergeLogRows(db, size, documentId));
      return rows.map((row) => ({
        id: Number(row.id),
        action: row.action === 'split' ? 'split' : 'merge',
        at: new Date(row.at).toISOString(),
        documentId: row.document_id,
        title: row.title,
        source: row.source,
        changed: row.changed === true || row.changed === 1,
        splitInto: row.split_document_id,
        splittable: row.action !== 'split' && row.split_document_id === null && Boolean(row.has_copy),
        decidedBy: row.decided_by,
      }));
    },
  };
};

export default mergeLogService;
export type MergeLogService = ReturnType<typeof mergeLogService>;
