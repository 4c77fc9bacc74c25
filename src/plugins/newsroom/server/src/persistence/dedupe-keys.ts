import type { Knex } from './connection';
import { chunks, INSERT_CHUNK, LOOKUP_CHUNK } from './stored-values';
import { DEDUPE_KEYS_TABLE } from './tables';

/**
 * story: an article's title+line, content and site-number keys; page: a whole page already read
 * (owned by its article); read: the same page key, owned by the one reading that recorded its cards;
 * card: a rail card; category: a category slug; dek: an article's dek (links its card);
 * title: an article's title (resolves RELATED CONTENT); wait: an article waiting for a related title;
 * withdrawn: a card text of an unpublished or deleted article (kept off the rail until it returns).
 */
export type KeyScope = 'story' | 'page' | 'read' | 'card' | 'category' | 'author' | 'dek' | 'title' | 'wait' | 'withdrawn';

/** One key for one document. */
export interface KeyClaim {
  scope: KeyScope;
  key: string;
  documentId: string;
}

interface KeyRow {
  scope: KeyScope;
  key: string;
  document_id: string;
}

/** The owner of each of `keys` that has one, one row per key. */
export async function keyOwnerRows(db: Knex, scope: KeyScope, keys: readonly string[]): Promise<KeyClaim[]> {
  const owned: KeyClaim[] = [];
  for (const chunk of chunks([...new Set(keys)], LOOKUP_CHUNK)) {
    const rows: KeyRow[] = await db(DEDUPE_KEYS_TABLE).select('scope', 'key', 'document_id').where('scope', scope).whereIn('key', chunk);
    for (const row of rows) owned.push({ scope: row.scope, key: row.key, documentId: row.document_id });
  }
  return owned;
}

/**
 * Inserts the claims no one holds yet and answers those it took. ON CONFLICT DO NOTHING waits for
 * a concurrent transaction holding the same key, then yields to it; RETURNING names what was taken.
 */
export async function insertUnheldKeys(db: Knex, claims: readonly KeyClaim[]): Promise<KeyClaim[]> {
  const taken: KeyClaim[] = [];
  for (const chunk of chunks(claims, INSERT_CHUNK)) {
    const inserted = (await db(DEDUPE_KEYS_TABLE)
      .insert(chunk.map(({ scope, key, documentId }) => ({ scope, key, document_id: documentId })))
      .onConflict(['scope', 'key'])
      .ignore()
      .returning(['scope', 'key', 'document_id'])) as KeyRow[];
    for (const row of inserted) taken.push({ scope: row.scope, key: row.key, documentId: row.document_id });
  }
  return taken;
}

/** A document other than `documentId` that owns one of `keys`, or null. */
export async function otherKeyOwner(db: Knex, scope: KeyScope, keys: readonly string[], documentId: string): Promise<string | null> {
  for (const chunk of chunks(keys, LOOKUP_CHUNK)) {
    const rows: Array<Pick<KeyRow, 'document_id'>> = await db(DEDUPE_KEYS_TABLE)
      .select('document_id')
      .where('scope', scope)
      .whereIn('key', chunk)
      .whereNot('document_id', documentId)
      .limit(1);
    if (rows.length > 0) return rows[0].document_id;
  }
  return null;
}

/** The first string after every string that starts with `prefix`, in binary order. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Keys of `scope` that start with `prefix`, with their owners. */
export async function keysWithPrefix(db: Knex, scope: KeyScope, prefix: string, dialect: string): Promise<KeyClaim[]> {
  const query = db(DEDUPE_KEYS_TABLE).select('scope', 'key', 'document_id').where('scope', scope);
  // SQLite's LIKE ignores case, so it cannot use the (scope, key) index and would read the whole
  // table for every article written; a range over its binary order can. PostgreSQL's LIKE is
  // exact. Keys are hex digests joined by ':', so the prefix holds no LIKE wildcards.
  const rows: KeyRow[] =
    dialect === 'postgres' ? await query.andWhere('key', 'like', `${prefix}%`) : await query.andWhere('key', '>=', prefix).andWhere('key', '<', prefixEnd(prefix));
  return rows.map((row) => ({ scope: row.scope, key: row.key, documentId: row.document_id }));
}

/** Row-locks the keys `documentId` owns until the transaction ends (PostgreSQL). */
export async function lockKeysOf(db: Knex, scope: KeyScope, documentId: string): Promise<void> {
  await db(DEDUPE_KEYS_TABLE).select('key').where({ scope, document_id: documentId }).forUpdate();
}

export async function deleteKey(db: Knex, scope: KeyScope, key: string): Promise<void> {
  await db(DEDUPE_KEYS_TABLE).where({ scope, key }).delete();
}

export async function deleteKeysOf(db: Knex, scope: KeyScope, documentId: string): Promise<void> {
  await db(DEDUPE_KEYS_TABLE).where({ scope, document_id: documentId }).delete();
}

/** Gives the keys `from` holds among `keys` to `to`. */
export async function moveKeys(db: Knex, scope: KeyScope, keys: readonly string[], from: string, to: string): Promise<void> {
  for (const chunk of chunks(keys, LOOKUP_CHUNK)) {
    await db(DEDUPE_KEYS_TABLE).where({ scope, document_id: from }).whereIn('key', chunk).update({ document_id: to });
  }
}
