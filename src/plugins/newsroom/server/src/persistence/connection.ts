import { AsyncResource } from 'async_hooks';
import type { Core } from '@strapi/strapi';

export type Knex = Core.Strapi['db']['connection'];

/**
 * Runs `query` on the caller's transaction when there is one, else on the pool. Our own tables are
 * queried with knex, which (unlike strapi.db.query) does not see Strapi's transaction by itself: a
 * plain query inside a transaction would wait for a second connection, and SQLite has only one.
 */
export async function withConnection<T>(strapi: Core.Strapi, query: (db: Knex) => Promise<T>): Promise<T> {
  if (strapi.db.inTransaction()) return runInTransaction(strapi, query);
  return query(strapi.db.connection);
}

/**
 * Runs `query` in the caller's transaction, or in a new one when there is none, on its knex handle.
 * All or nothing only when it is the outermost: Strapi nests transactions without a savepoint.
 */
export async function runInTransaction<T>(strapi: Core.Strapi, query: (db: Knex) => Promise<T>): Promise<T> {
  return strapi.db.transaction(async ({ trx }) => query(trx as unknown as Knex));
}

let savepoints = 0;

/**
 * Runs `work` so that, if it throws, everything it wrote is undone and the caller's transaction
 * goes on: in its own transaction when there is none, else behind a savepoint (Strapi nests
 * transactions without one, and on PostgreSQL a failed statement would otherwise spoil the rest
 * of the caller's transaction).
 */
export async function undoable<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  if (!strapi.db.inTransaction()) return strapi.db.transaction(() => work());
  savepoints += 1;
  const name = `newsroom_undo_${savepoints}`;
  await withConnection(strapi, (db) => db.raw(`SAVEPOINT ${name}`));
  try {
    const result = await work();
    await withConnection(strapi, (db) => db.raw(`RELEASE SAVEPOINT ${name}`));
    return result;
  } catch (error) {
    try {
      await withConnection(strapi, async (db) => {
        await db.raw(`ROLLBACK TO SAVEPOINT ${name}`);
        await db.raw(`RELEASE SAVEPOINT ${name}`);
      });
    } catch (rollbackError) {
      // The whole transaction is gone (a dead connection, or SQLite rolled it all back): the
      // caller's error is the one that says why, and decides whether the work is retried.
      strapi.log.warn(`[newsroom] could not roll back to ${name}: ${String(rollbackError)}`);
    }
    throw error;
  }
}

interface PoolCounts {
  numUsed(): number;
  numPendingAcquires(): number;
}

/**
 * Waits (at most `timeoutMs`) until no database connection is in use or awaited. Work that a
 * commit starts and nobody awaits (Strapi reads every written entry again for its entry events)
 * must finish before the pool is closed, or its queries fail and take the process down.
 */
export async function untilConnectionsIdle(strapi: Core.Strapi, timeoutMs = 10_000): Promise<void> {
  const pool = (strapi.db.connection.client as { pool?: PoolCounts }).pool;
  if (!pool || typeof pool.numUsed !== 'function') return;
  const deadline = Date.now() + timeoutMs;
  while ((pool.numUsed() > 0 || pool.numPendingAcquires() > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Created when the plugin loads, outside any request or transaction.
const root = new AsyncResource('newsroom-background');

/**
 * Runs background work (a timer's callback) outside the context that scheduled it. A timer set
 * during a transaction would otherwise run inside that transaction's context after it committed.
 */
export function runInBackground<T>(work: () => T): T {
  return root.runInAsyncScope(work);
}

/**
 * Runs `work` once the caller's transaction has committed (at once when there is none). Background
 * work that reads what the transaction wrote (a rail assembly) must not start before the commit: on
 * PostgreSQL it would read the state before the write and never learn of it.
 */
export function afterCommit(strapi: Core.Strapi, work: () => void): void {
  if (!strapi.db.inTransaction()) {
    work();
    return;
  }
  // Nested transactions share the outermost one's commit callbacks.
  void strapi.db.transaction(async ({ onCommit }) => {
    onCommit(work);
  });
}

/** A unique-index violation on PostgreSQL or SQLite: another writer stored the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
