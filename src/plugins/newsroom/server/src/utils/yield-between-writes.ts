import type { Core } from '@strapi/strapi';
import { setImmediate as nextTurn } from 'timers/promises';

const WRITE_EVENTS = ['beforeCreate', 'beforeCreateMany', 'beforeUpdate', 'beforeUpdateMany', 'beforeDelete', 'beforeDeleteMany'] as const;

/**
 * On SQLite every statement runs synchronously, so a write of many statements (an imported page)
 * held the event loop from its first statement to its last, and readers waited for all of it.
 * Letting the loop turn before each query-engine write lets their requests in between.
 */
export function yieldBetweenWrites(strapi: Core.Strapi): void {
  const subscriber: Record<string, () => Promise<void>> = {};
  for (const event of WRITE_EVENTS) subscriber[event] = async () => void (await nextTurn());
  strapi.db.lifecycles.subscribe(subscriber);
}
