import type { Knex } from './connection';
import type { DbNumber } from './stored-values';
import { MERGE_LOG_TABLE } from './tables';

/** A row of the merge log: a merge (with the copy it kept) or an editor's split. */
export interface MergeLogRow {
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
  /** On a split: the merge it undid. */
  merge_id: DbNumber | null;
}

/** The listed columns, and whether the row kept a copy to split back out. */
export type MergeLogListRow = Omit<MergeLogRow, 'copy' | 'copy_keys' | 'claimed_keys' | 'page_key' | 'restore' | 'merge_id'> & { has_copy: unknown };

export async function insertMergeLogRow(db: Knex, row: Omit<Partial<MergeLogRow>, 'id'>): Promise<void> {
  await db(MERGE_LOG_TABLE).insert(row);
}

export async function mergeLogRow(db: Knex, id: number): Promise<MergeLogRow | undefined> {
  return db(MERGE_LOG_TABLE).where('id', id).first();
}

export async function markMergeSplit(db: Knex, id: number, splitInto: string): Promise<void> {
  await db(MERGE_LOG_TABLE).where('id', id).update({ split_document_id: splitInto });
}

export async function splitRowsFrom(db: Knex, documentId: string): Promise<Array<Pick<MergeLogRow, 'document_id' | 'split_document_id' | 'copy_keys'>>> {
  return db(MERGE_LOG_TABLE).select('document_id', 'split_document_id', 'copy_keys').where({ document_id: documentId, action: 'split' });
}

/** The newest rows, of every article or of one. */
export async function newestMergeLogRows(db: Knex, limit: number, documentId?: string): Promise<MergeLogListRow[]> {
  const query = db(MERGE_LOG_TABLE)
    .select('id', 'action', 'at', 'document_id', 'title', 'source', 'changed', 'split_document_id', 'decided_by', db.raw('?? IS NOT NULL AS ??', ['copy', 'has_copy']))
    .orderBy('id', 'desc')
    .limit(limit);
  return documentId === undefined ? query : query.where('document_id', documentId);
}
