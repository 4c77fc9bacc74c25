import type { ImportOrigin, ImportSummary } from '../admin-views';
import type { Knex } from './connection';
import { IMPORTS_TABLE } from './tables';

/** One batch of pages: the same origin and batch name count into one import. */
export interface ImportBatch {
  origin: ImportOrigin;
  /** Names the batch within its origin: a run, or an upload or API batch name prefixed with who sent it. */
  batch: string;
  /** Who started it: the administrator, the API token's name, or the command. */
  startedBy: string;
}

interface ImportRow {
  id: number | string;
  origin: string;
  started_by: string;
  started_at_ms: number | string;
  last_page_at_ms: number | string;
  pages: number | string;
  created: number | string;
  merged: number | string;
  failed: number | string;
}

const ORIGINS: readonly ImportOrigin[] = ['command', 'api', 'admin', 'samples'];

/** Adds one page to its batch's counts; the first page of a batch makes its row. */
export async function countImportedPage(db: Knex, batch: ImportBatch, status: 'created' | 'merged' | 'failed', at: Date): Promise<void> {
  const increment = (column: 'pages' | typeof status) => db.raw('?? + 1', [`${IMPORTS_TABLE}.${column}`]);
  await db(IMPORTS_TABLE)
    .insert({
      origin: batch.origin,
      batch: batch.batch,
      started_by: batch.startedBy.slice(0, 255),
      started_at_ms: at.getTime(),
      last_page_at_ms: at.getTime(),
      pages: 1,
      created: status === 'created' ? 1 : 0,
      merged: status === 'merged' ? 1 : 0,
      failed: status === 'failed' ? 1 : 0,
    })
    .onConflict(['origin', 'batch'])
    .merge({ last_page_at_ms: at.getTime(), pages: increment('pages'), [status]: increment(status) });
}

/** The imports that last read a page, newest first. */
export async function recentImports(db: Knex, limit: number): Promise<ImportSummary[]> {
  const rows: ImportRow[] = await db(IMPORTS_TABLE).orderBy('last_page_at_ms', 'desc').orderBy('id', 'desc').limit(limit);
  return rows.map((row) => ({
    id: Number(row.id),
    origin: ORIGINS.find((origin) => origin === row.origin) ?? 'api',
    startedBy: row.started_by,
    startedAt: new Date(Number(row.started_at_ms)).toISOString(),
    lastPageAt: new Date(Number(row.last_page_at_ms)).toISOString(),
    pages: Number(row.pages),
    created: Number(row.created),
    merged: Number(row.merged),
    failed: Number(row.failed),
  }));
}
