import type { Core } from '@strapi/strapi';
import { performance } from 'perf_hooks';
import { setImmediate as nextTurn } from 'timers/promises';

const WRITE_EVENTS = ['beforeCreate', 'beforeCreateMany', 'beforeUpdate', 'beforeUpdateMany', 'beforeDelete', 'beforeDeleteMany'] as const;

/** Longest stretch of writes between two turns of the event loop; a turn on every write slowed imports. */
const MAX_STRETCH_MS = 4;

/**
 * On SQLite every statement runs synchronously, so a write of many statements (an imported page)
 * held the event loop from its first statement to its last, and readers waited for all of it.
 * Before a query-engine write, the loop is let turn once the writes have held it MAX_STRETCH_MS.
 * Only a Strapi that serves HTTP has readers to let in: the ingest command and the ingest worker
 * process never listen, and write without turns.
 */
export function yieldBetweenWrites(strapi: Core.Strapi): void {
  let lastTurn = performance.now();
  const turnWhenDue = async (): Promise<void> => {
    if (performance.now() - lastTurn < MAX_STRETCH_MS) return;
    await nextTurn();
    lastTurn = performance.now();
  };
  const subscriber: Record<string, () => Promise<void>> = {};
  for (const event of WRITE_EVENTS) subscriber[event] = turnWhenDue;
  const { httpServer } = strapi.server;
  if (httpServer.listening) strapi.db.lifecycles.subscribe(subscriber);
  else httpServer.once('listening', () => strapi.db.lifecycles.subscribe(subscriber));
}
