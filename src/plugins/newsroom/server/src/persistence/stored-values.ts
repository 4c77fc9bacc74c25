/**
 * How the plugin's tables hand values back: PostgreSQL returns BIGINT as a string and SQLite
 * returns booleans as 0 and 1, so rows are typed loosely and read through these.
 */

export type DbNumber = number | string;
export type DbBoolean = boolean | number;

/** Rows per insert and keys per IN list: well under SQLite's and PostgreSQL's parameter limits. */
export const INSERT_CHUNK = 200;
export const LOOKUP_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A time stored as epoch milliseconds, as ISO 8601. */
export const isoFromMs = (ms: DbNumber): string => new Date(Number(ms)).toISOString();

/** The id an insert's RETURNING gave: a row object on PostgreSQL, the bare id on SQLite. */
export const insertedId = (inserted: unknown): number =>
  typeof inserted === 'object' && inserted !== null ? Number((inserted as { id: DbNumber }).id) : Number(inserted);
