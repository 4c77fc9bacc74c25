import { DEFAULT_RAIL_LIMIT, MAX_RAIL_LIMIT } from './types';

export interface RailConfig {
  /** Cards a view shows when the request names no limit: 1..MAX_RAIL_LIMIT. */
  defaultLimit: number;
  /** Cache-Control of GET /api/latest-rail. */
  cacheControl: string;
  /** A burst of changes is assembled once, this long after its first change. */
  assembleDelayMs: number;
}

/** What the plugin's config hands over: strings as read from the environment, or numbers. */
export type RailConfigInput = Partial<Record<keyof RailConfig, number | string>>;

/** Fresh for 30 s, then served while a revalidation (cheap with the ETag) runs. */
export const DEFAULT_RAIL_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60';
export const DEFAULT_ASSEMBLE_DELAY_MS = 250;

function integerSetting(name: string, variable: string, value: number | string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new RangeError(`Latest rail: ${name} (${variable}) must be an integer ${range}, got ${JSON.stringify(typeof value === 'number' && Number.isNaN(value) ? 'not a number' : value)}`);
  }
  return parsed;
}

/**
 * Fills in defaults and checks every value; throws, naming the setting and its variable, on
 * anything unusable, so a typo in RAIL_DEFAULT_LIMIT fails the boot instead of serving NaN cards.
 */
export function resolveRailConfig(input: RailConfigInput = {}): RailConfig {
  const cacheControl = input.cacheControl === undefined || input.cacheControl === '' ? DEFAULT_RAIL_CACHE_CONTROL : String(input.cacheControl);
  if (/[\r\n]/.test(cacheControl)) throw new RangeError('Latest rail: cacheControl (RAIL_CACHE_CONTROL) must be one line');
  return {
    defaultLimit: integerSetting('defaultLimit', 'RAIL_DEFAULT_LIMIT', input.defaultLimit, DEFAULT_RAIL_LIMIT, 1, MAX_RAIL_LIMIT),
    cacheControl,
    assembleDelayMs: integerSetting('assembleDelayMs', 'RAIL_ASSEMBLE_DELAY_MS', input.assembleDelayMs, DEFAULT_ASSEMBLE_DELAY_MS, 0, Number.MAX_SAFE_INTEGER),
  };
}
