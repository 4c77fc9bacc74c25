import { isUniqueViolation } from '../persistence/connection';

/**
 * Database errors that say "try again", not "this is wrong": SQLite's lock (two processes writing
 * one file), and PostgreSQL's deadlock, serialization and lock-timeout failures. Every write the
 * importer makes is idempotent (dedupe keys decide), so a page that hit one is simply read again.
 */
const TRANSIENT_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', '40P01', '40001', '55P03']);

export function isTransientDatabaseError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  if (typeof message === 'string' && /database is locked|deadlock detected|could not serialize access/i.test(message)) return true;
  return cause !== undefined && cause !== error && isTransientDatabaseError(cause);
}

/**
 * A unique value taken by a concurrent writer between our check and our insert: Strapi's own
 * "must be unique" validation (a slug another process just stored, or the published row of a
 * document another process published at the same moment), or the database's unique violation.
 * Reading the same input again finds the winner's row and merges into it.
 */
export function isUniqueRaceError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, message, cause, details } = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    details?: { errors?: Array<{ message?: unknown }> };
  };
  // Two processes publishing one document at once: the second finds the first's published row.
  if (name === 'ApplicationError' && typeof message === 'string' && /already exists .*must be unique/i.test(message)) return true;
  if (name === 'ValidationError') {
    // Several failed fields give "2 errors occurred"; each is listed in details.errors.
    const messages = [message, ...(details?.errors ?? []).map((entry) => entry.message)];
    if (messages.some((text) => typeof text === 'string' && /must be unique/i.test(text))) return true;
  }
  if (isUniqueViolation({ code })) return true;
  return cause !== undefined && cause !== error && isUniqueRaceError(cause);
}

export async function withTransientRetry<T>(
  work: () => Promise<T>,
  { attempts = 6, baseDelayMs = 40, random = Math.random }: { attempts?: number; baseDelayMs?: number; random?: () => number } = {}
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !(isTransientDatabaseError(error) || isUniqueRaceError(error))) throw error;
      // Full jitter, so two processes that collided do not collide again in step.
      const delay = random() * baseDelayMs * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
