import type { Knex } from './connection';
import { chunks, INSERT_CHUNK, LOOKUP_CHUNK } from './stored-values';
import { BOILERPLATE_TABLE, LINE_SIGHTINGS_TABLE } from './tables';

/** A row of the boilerplate ledger. */
export interface LedgerRow {
  id: number | string;
  line_key: string;
  line: string;
  article_count: number | string;
  keep: boolean | number;
  last_seen_at: string | Date | number;
}


/** The ledger rows that strip or keep a line: counted at least `threshold` times, or kept by an editor. */
export async function ledgerKeyRows(db: Knex, threshold: number): Promise<Array<Pick<LedgerRow, 'line_key' | 'article_count' | 'keep'>>> {
  return db(BOILERPLATE_TABLE).select('line_key', 'article_count', 'keep').where('article_count', '>=', threshold).orWhere('keep', true);
}

/** Records that `documentId` carries these lines; answers the keys it had not been seen with before. */
export async function insertLineSightings(db: Knex, documentId: string, lineKeys: readonly string[]): Promise<string[]> {
  const fresh: string[] = [];
  for (const chunk of chunks(lineKeys, INSERT_CHUNK)) {
    const rows = chunk.map((lineKey) => ({ line_key: lineKey, document_id: documentId }));
    const inserted = (await db(LINE_SIGHTINGS_TABLE).insert(rows).onConflict(['line_key', 'document_id']).ignore().returning('line_key')) as Array<
      { line_key: string } | string
    >;
    for (const row of inserted) fresh.push(typeof row === 'string' ? row : row.line_key);
  }
  return fresh;
}

/** How many articles carry each of `lineKeys`, for those carried by two or more. */
export async function sharedLineCounts(db: Knex, lineKeys: readonly string[]): Promise<Array<{ lineKey: string; count: number }>> {
  const counts: Array<{ lineKey: string; count: number }> = [];
  for (const chunk of chunks(lineKeys, LOOKUP_CHUNK)) {
    const rows = (await db(LINE_SIGHTINGS_TABLE)
      .select('line_key')
      .count({ count: '*' })
      .whereIn('line_key', chunk)
      .groupBy('line_key')
      .having(db.raw('count(*) >= 2'))) as unknown as Array<{ line_key: string; count: number | string }>;
    for (const row of rows) counts.push({ lineKey: row.line_key, count: Number(row.count) });
  }
  return counts;
}

/**
 * Sets a ledger line's count, making its row when it is new. A count never goes down here: on
 * PostgreSQL two pages written at once each count without the other's sightings, and the later
 * commit must not undo the higher count.
 */
export async function raiseLedgerCount(db: Knex, entry: { lineKey: string; line: string; count: number; at: Date }, dialect: string): Promise<void> {
  const largest = dialect === 'postgres' ? 'GREATEST' : 'MAX';
  await db(BOILERPLATE_TABLE)
    .insert({ line_key: entry.lineKey, line: entry.line, article_count: entry.count, keep: false, last_seen_at: entry.at })
    .onConflict('line_key')
    .merge({
      article_count: db.raw(`${largest}(??, ?)`, [`${BOILERPLATE_TABLE}.article_count`, entry.count]),
      last_seen_at: entry.at,
    });
}

export async function deleteSightingsOf(db: Knex, documentId: string): Promise<void> {
  await db(LINE_SIGHTINGS_TABLE).where('document_id', documentId).delete();
}

/** One page of the ledger, most widespread first, and the ledger's size. */
export async function ledgerPage(db: Knex, limit: number, offset: number): Promise<{ rows: LedgerRow[]; total: number }> {
  const rows: LedgerRow[] = await db(BOILERPLATE_TABLE)
    .select('*')
    .orderBy([{ column: 'article_count', order: 'desc' }, { column: 'id', order: 'asc' }])
    .limit(limit)
    .offset(offset);
  const [{ total }] = (await db(BOILERPLATE_TABLE).count({ total: '*' })) as Array<{ total: number | string }>;
  return { rows, total: Number(total) };
}

/** Sets a ledger line's "not boilerplate" mark; answers the row as it now is. */
export async function setLedgerKeep(db: Knex, id: number, keep: boolean): Promise<LedgerRow | undefined> {
  await db(BOILERPLATE_TABLE).where('id', id).update({ keep });
  return db(BOILERPLATE_TABLE).where('id', id).first();
}
