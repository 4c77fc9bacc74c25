import type { Knex } from './connection';
import { RAIL_TABLE } from './tables';

/** The one stored rail, as its row holds it (the payload is the assembled rail's JSON). */
export interface StoredRailRow {
  version: number;
  assembledAt: string;
  payload: string;
}

interface RailRow {
  version: number | string;
  assembled_at: string | Date;
  payload: string;
}

const RAIL_ROW_ID = 1;

const fromRow = (row: RailRow): StoredRailRow => ({
  version: Number(row.version),
  assembledAt: new Date(row.assembled_at).toISOString(),
  payload: row.payload,
});

export async function storedRailRow(db: Knex): Promise<StoredRailRow | null> {
  const row: RailRow | undefined = await db(RAIL_TABLE).select('version', 'assembled_at', 'payload').where('id', RAIL_ROW_ID).first();
  return row ? fromRow(row) : null;
}

export async function storedRailVersion(db: Knex): Promise<number | null> {
  const row: { version: number | string } | undefined = await db(RAIL_TABLE).select('version').where('id', RAIL_ROW_ID).first();
  return row ? Number(row.version) : null;
}

/**
 * Stores `payload` as the rail when it differs from the stored one, as one conditional UPDATE: an
 * unchanged rail keeps its version, and version + 1 in SQL gives two instances storing at once
 * distinct, growing versions. Answers the row as it now is and whether this call changed it.
 */
export async function replaceStoredRail(db: Knex, payload: string, at: Date): Promise<{ row: StoredRailRow; changed: boolean }> {
  const updated = await db(RAIL_TABLE)
    .where('id', RAIL_ROW_ID)
    .whereNot('payload', payload)
    .update({ version: db.raw('version + 1'), assembled_at: at, payload });
  const row: RailRow = await db(RAIL_TABLE).select('version', 'assembled_at', 'payload').where('id', RAIL_ROW_ID).first();
  return { row: fromRow(row), changed: updated > 0 };
}
