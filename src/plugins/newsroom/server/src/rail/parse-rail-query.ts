import { MAX_RAIL_LIMIT } from './types';

/** A rail request's query is malformed; the message names the problem, for a 400 response. */
export class RailQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RailQueryError';
    // Keeps `instanceof` working when TypeScript compiles classes to ES5 functions.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface RailQuery {
  /** Absent when the request names none: the rail's configured default applies then. */
  limit?: number;
  exclude?: string;
}

const MAX_EXCLUDE_LENGTH = 200;
// Slugs and Strapi documentIds both fit; anything else cannot name an article.
const ARTICLE_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * Validates `?limit=&exclude=` before anything touches the rail. Strict rather than forgiving: a
 * limit like "20abc" or "1e2" is refused instead of read as 20 or 100, so a broken link shows up as
 * a 400 instead of a silently different rail. A repeated parameter (which query parsers turn into an
 * array) is refused too: there is no right one to pick.
 */
export function parseRailQuery(query: { limit?: unknown; exclude?: unknown }, maxLimit: number = MAX_RAIL_LIMIT): RailQuery {
  if (!Number.isInteger(maxLimit) || maxLimit < 1 || maxLimit > MAX_RAIL_LIMIT) {
    throw new RangeError(`maxLimit must be an integer between 1 and ${MAX_RAIL_LIMIT}, got ${String(maxLimit)}`);
  }
  const parsed: RailQuery = {};
  const limit = parseLimit(query.limit, maxLimit);
  if (limit !== undefined) parsed.limit = limit;
  const exclude = parseExclude(query.exclude);
  if (exclude !== undefined) parsed.exclude = exclude;
  return parsed;
}

function parseLimit(value: unknown, maxLimit: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  refuseRepeated('limit', value);
  const limit = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new RailQueryError(`limit must be an integer between 1 and ${maxLimit}, got ${describe(value)}`);
  }
  return limit;
}

function parseExclude(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  refuseRepeated('exclude', value);
  if (typeof value !== 'string') {
    throw new RailQueryError(`exclude must be an article slug or documentId, got ${describe(value)}`);
  }
  if (value === '') throw new RailQueryError('exclude must not be empty');
  if (value.length > MAX_EXCLUDE_LENGTH) {
    throw new RailQueryError(`exclude must be at most ${MAX_EXCLUDE_LENGTH} characters, got ${value.length}`);
  }
  if (!ARTICLE_KEY.test(value)) {
    throw new RailQueryError(
      `exclude must be an article slug or documentId (letters, digits, "-" and "_" only), got ${describe(value)}`,
    );
  }
  return value;
}

function refuseRepeated(name: string, value: unknown): void {
  if (Array.isArray(value)) {
    throw new RailQueryError(`${name} must be given once, got ${value.length} values`);
  }
}

/** The offending value for a message, quoted and cut short so a huge input cannot flood a log. */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
