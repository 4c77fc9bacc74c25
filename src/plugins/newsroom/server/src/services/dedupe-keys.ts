import type { Core } from '@strapi/strapi';
import { DEDUPE_KEYS_TABLE } from '../persistence/tables';
import { undoable, withConnection, type Knex } from '../utils/db';
import { isUniqueRaceError } from '../utils/transient-retry';

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

export class KeyConflictError extends Error {
  constructor(readonly scope: KeyScope, readonly ownerDocumentId: string) {
    super(`A ${scope} key is already owned by document ${ownerDocumentId}`);
    this.name = 'KeyConflictError';
  }
}


/** Distinct owners, the one owning the most keys first (ties in the order they came). */
export function mostSharedFirst(owners: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const owner of owners) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([documentId]) => documentId);
}

/** The first string after every string that starts with `prefix`, in binary order. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * The database-level unique keys that decide identity across processes. Strapi 5 keeps a draft
 * and a published row per article, so a unique index on the articles table cannot say "one
 * document per story"; this table can. Each key (a story's title+line key, a site article number,
 * a rail card's text key) belongs to exactly one document. Two processes that race to create the
 * same story both try to insert the same key: the database lets one win, and the loser merges.
 */
const dedupeKeysService = ({ strapi }: { strapi: Core.Strapi }) => {
  const onCurrent = <T>(query: (db: Knex) => Promise<T>) => withConnection(strapi, query);

  return {
    /** Owners of the given keys, most-shared owner first. */
    async findOwners(scope: KeyScope, keys: readonly string[]): Promise<string[]> {
      if (keys.length === 0) return [];
      const rows: Array<{ document_id: string }> = await onCurrent((db) =>
        db(DEDUPE_KEYS_TABLE).select('document_id').where('scope', scope).whereIn('key', [...keys])
      );
      return mostSharedFirst(rows.map((row) => row.document_id));
    },

    /**
     * Gives `keys` to `documentId`. With `strict`, a key owned by another document throws
     * KeyConflictError (the caller's transaction rolls back and it merges instead); otherwise such
     * keys are left to their owner. Runs in the caller's transaction when there is one.
     */
    async claim(scope: KeyScope, keys: readonly string[], documentId: string, { strict }: { strict: boolean }): Promise<void> {
      await this.claimAll(
        keys.map((key) => ({ scope, key, documentId })),
        strict ? { scope, documentId } : undefined
      );
    },

    /**
     * Several claims, of any scopes, in one statement; answers the claims it took (a key already
     * owned stays with its owner). With `strict`, a key of `strict.scope` owned by another document
     * than `strict.documentId` throws KeyConflictError instead.
     */
    async claimAll(claims: readonly KeyClaim[], strict?: { scope: KeyScope; documentId: string }): Promise<KeyClaim[]> {
      const byId = new Map<string, KeyClaim>();
      for (const claim of claims) byId.set(`${claim.scope}\u0000${claim.key}`, claim);
      if (byId.size === 0) return [];
      // Sorted, so two transactions claiming overlapping keys lock them in one order (no deadlock).
      const ordered = [...byId.keys()].sort().map((id) => byId.get(id)!);
      const rows = ordered.map(({ scope, key, documentId }) => ({ scope, key, document_id: documentId }));
      const run = async (db: Knex) => {
        // ON CONFLICT DO NOTHING waits for a concurrent transaction holding the same key, then
        // yields to it; RETURNING names the keys this statement took.
        const taken: KeyClaim[] = [];
        for (let i = 0; i < rows.length; i += 200) {
          const inserted = (await db(DEDUPE_KEYS_TABLE)
            .insert(rows.slice(i, i + 200))
            .onConflict(['scope', 'key'])
            .ignore()
            .returning(['scope', 'key', 'document_id'])) as Array<{ scope: KeyScope; key: string; document_id: string }>;
          for (const row of inserted) taken.push({ scope: row.scope, key: row.key, documentId: row.document_id });
        }
        if (!strict) return taken;
        // When the claim took every strict key, none can be another's: one statement in all.
        const strictKeys = ordered.filter((claim) => claim.scope === strict.scope).map((claim) => claim.key);
        if (taken.filter((claim) => claim.scope === strict.scope).length === strictKeys.length) return taken;
        const owners: Array<{ document_id: string }> = await db(DEDUPE_KEYS_TABLE)
          .select('document_id')
          .where('scope', strict.scope)
          .whereIn('key', strictKeys)
          .whereNot('document_id', strict.documentId)
          .limit(1);
        if (owners.length > 0) throw new KeyConflictError(strict.scope, owners[0].document_id);
        return taken;
      };
      // Joins the caller's transaction when there is one (Strapi nests them), so a lost race rolls
      // back the caller's create together with these keys.
      return strapi.db.transaction(async ({ trx }) => run(trx as unknown as Knex));
    },

    /**
     * The document that owns `key`, creating it with `create` when nobody does. Safe across
     * processes: a create that loses the race for the key is undone and the winner is returned.
     */
    async findOrCreate<T extends { documentId: string }>(
      scope: KeyScope,
      key: string,
      create: () => Promise<T>
    ): Promise<{ documentId: string; created: boolean; document: T | null }> {
      const [owner] = await this.findOwners(scope, [key]);
      if (owner) return { documentId: owner, created: false, document: null };
      const outcome = await this.createClaimed(scope, [key], create);
      return outcome.created
        ? { documentId: outcome.document.documentId, created: true, document: outcome.document }
        : { documentId: outcome.ownerDocumentId, created: false, document: null };
    },

    /**
     * Creates a document with `create` and claims `keys` for it, all or nothing (in its own
     * transaction, or behind a savepoint in the caller's). When another document owns one of the
     * keys (another process stored the same thing first), the new document is undone and the
     * owner is answered instead, for the caller to merge into.
     */
    async createClaimed<T extends { documentId: string }>(
      scope: KeyScope,
      keys: readonly string[],
      create: () => Promise<T>
    ): Promise<{ created: true; document: T } | { created: false; ownerDocumentId: string }> {
      try {
        // A lost race undoes the create with everything it wrote (its keys, components, links).
        const document = await undoable(strapi, async () => {
          const made = await create();
          await this.claim(scope, keys, made.documentId, { strict: true });
          return made;
        });
        return { created: true, document };
      } catch (error) {
        const owner =
          error instanceof KeyConflictError
            ? error.ownerDocumentId
            : // The winner's row took a unique value (a slug) before our key claim could tell us.
              isUniqueRaceError(error)
              ? (await this.findOwners(scope, keys))[0]
              : undefined;
        if (!owner) throw error;
        return { created: false, ownerDocumentId: owner };
      }
    },

    /** The owner of each key that has one. */
    async ownersByKey(scope: KeyScope, keys: readonly string[]): Promise<Map<string, string>> {
      const owners = new Map<string, string>();
      const unique = [...new Set(keys)];
      for (let i = 0; i < unique.length; i += 500) {
        const rows: Array<{ key: string; document_id: string }> = await onCurrent((db) =>
          db(DEDUPE_KEYS_TABLE).select('key', 'document_id').where('scope', scope).whereIn('key', unique.slice(i, i + 500))
        );
        for (const row of rows) owners.set(row.key, row.document_id);
      }
      return owners;
    },

    /** Keys of `scope` that start with `prefix`, with their owners. */
    async findByPrefix(scope: KeyScope, prefix: string): Promise<Array<{ key: string; documentId: string }>> {
      if (prefix === '') throw new Error('findByPrefix needs a prefix');
      const rows: Array<{ key: string; document_id: string }> = await onCurrent((db) => {
        const query = db(DEDUPE_KEYS_TABLE).select('key', 'document_id').where('scope', scope);
        // SQLite's LIKE ignores case, so it cannot use the (scope, key) index and would read the
        // whole table for every article written; a range over its binary order can. PostgreSQL's
        // LIKE is exact. Keys are hex digests joined by ':', so the prefix holds no LIKE wildcards.
        if (strapi.db.dialect.client === 'postgres') return query.andWhere('key', 'like', `${prefix}%`);
        return query.andWhere('key', '>=', prefix).andWhere('key', '<', prefixEnd(prefix));
      });
      return rows.map((row) => ({ key: row.key, documentId: row.document_id }));
    },

    /**
     * Locks the keys `documentId` owns until the caller's transaction ends, so two processes merging
     * copies into one document take turns (Strapi's update and publish of one document are not safe
     * to interleave). PostgreSQL row locks; SQLite lets one writer at a time in any case.
     */
    async lockOwner(scope: KeyScope, documentId: string): Promise<void> {
      if (strapi.db.dialect.client !== 'postgres') return;
      await onCurrent((db) => db(DEDUPE_KEYS_TABLE).select('key').where({ scope, document_id: documentId }).forUpdate());
    },

    async releaseKey(scope: KeyScope, key: string): Promise<void> {
      await onCurrent((db) => db(DEDUPE_KEYS_TABLE).where({ scope, key }).delete());
    },

    async release(scope: KeyScope, documentId: string): Promise<void> {
      await onCurrent((db) => db(DEDUPE_KEYS_TABLE).where({ scope, document_id: documentId }).delete());
    },

    /** Gives the keys `from` holds among `keys` to `to` (a split moves a copy's keys to its new article). */
    async transfer(scope: KeyScope, keys: readonly string[], from: string, to: string): Promise<void> {
      for (let i = 0; i < keys.length; i += 500) {
        const chunk = keys.slice(i, i + 500);
        await onCurrent((db) => db(DEDUPE_KEYS_TABLE).where({ scope, document_id: from }).whereIn('key', chunk).update({ document_id: to }));
      }
    },
  };
};

export default dedupeKeysService;
export type DedupeKeysService = ReturnType<typeof dedupeKeysService>;
