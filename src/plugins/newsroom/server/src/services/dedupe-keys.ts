import type { Core } from '@strapi/strapi';
import {
  deleteKey,
  deleteKeysOf,
  insertUnheldKeys,
  keyOwnerRows,
  keysWithPrefix,
  lockKeysOf,
  moveKeys,
  otherKeyOwner,
  type KeyClaim,
  type KeyScope,
} from '../persistence/dedupe-keys';
import { runInTransaction, undoable, withConnection, type Knex } from '../persistence/connection';
import { isUniqueRaceError } from '../utils/transient-retry';

export type { KeyClaim, KeyScope };

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
      const owned = await onCurrent((db) => keyOwnerRows(db, scope, keys));
      return mostSharedFirst(owned.map((claim) => claim.documentId));
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
      const run = async (db: Knex) => {
        const taken = await insertUnheldKeys(db, ordered);
        if (!strict) return taken;
        // When the claim took every strict key, none can be another's: one statement in all.
        const strictKeys = ordered.filter((claim) => claim.scope === strict.scope).map((claim) => claim.key);
        if (taken.filter((claim) => claim.scope === strict.scope).length === strictKeys.length) return taken;
        const owner = await otherKeyOwner(db, strict.scope, strictKeys, strict.documentId);
        if (owner !== null) throw new KeyConflictError(strict.scope, owner);
        return taken;
      };
      // Joins the caller's transaction when there is one (Strapi nests them), so a lost race rolls
      // back the caller's create together with these keys.
      return runInTransaction(strapi, run);
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
      const owned = await onCurrent((db) => keyOwnerRows(db, scope, keys));
      return new Map(owned.map((claim) => [claim.key, claim.documentId]));
    },

    /** Keys of `scope` that start with `prefix`, with their owners. */
    async findByPrefix(scope: KeyScope, prefix: string): Promise<Array<{ key: string; documentId: string }>> {
      if (prefix === '') throw new Error('findByPrefix needs a prefix');
      return onCurrent((db) => keysWithPrefix(db, scope, prefix, strapi.db.dialect.client));
    },

    /**
     * Locks the keys `documentId` owns until the caller's transaction ends, so two processes merging
     * copies into one document take turns (Strapi's update and publish of one document are not safe
     * to interleave). PostgreSQL row locks; SQLite lets one writer at a time in any case.
     */
    async lockOwner(scope: KeyScope, documentId: string): Promise<void> {
      if (strapi.db.dialect.client !== 'postgres') return;
      await onCurrent((db) => lockKeysOf(db, scope, documentId));
    },

    async releaseKey(scope: KeyScope, key: string): Promise<void> {
      await onCurrent((db) => deleteKey(db, scope, key));
    },

    async release(scope: KeyScope, documentId: string): Promise<void> {
      await onCurrent((db) => deleteKeysOf(db, scope, documentId));
    },

    /** Gives the keys `from` holds among `keys` to `to` (a split moves a copy's keys to its new article). */
    async transfer(scope: KeyScope, keys: readonly string[], from: string, to: string): Promise<void> {
      await onCurrent((db) => moveKeys(db, scope, keys, from, to));
    },
  };
};

export default dedupeKeysService;
export type DedupeKeysService = ReturnType<typeof dedupeKeysService>;
