/**
 * The rebuild-webhook settings: defaults, validation, and the refusal to run production with
 * targets but no real signing secret. Pure, so the plugin's config and the unit tests can use it.
 */
import { DEFAULT_RETRY_POLICY } from './backoff';
import { DEFAULT_ATTEMPT_TIMEOUT_MS } from './classify-response';
import { DEFAULT_WINDOW, type CoalesceWindow } from './coalesce';
import { secretKeyBytes } from './sign';
import { parseTargets } from './targets';
import type { JitterMode, RetryPolicy } from './types';

export interface RebuildConfig {
  /** Normalised target URLs from REBUILD_WEBHOOK_URLS; upserted into the targets table at boot. */
  urls: string[];
  /** The signing secret ("whsec_<base64>" or a plain passphrase, see sign.ts). */
  secret: string;
  window: CoalesceWindow;
  retry: RetryPolicy;
  /** One attempt is aborted (and counts as a failure) after this long. */
  timeoutMs: number;
  /** How often the dispatcher looks for due work when nothing is due sooner. */
  pollIntervalMs: number;
  /**
   * How long a claimed delivery belongs to the instance that claimed it. Longer than an attempt
   * may take, so a live instance never loses a delivery mid-request; a crashed instance's claim
   * runs out after this long and another instance (or the restarted one) takes the delivery.
   */
  leaseMs: number;
  /** False: record events but send nothing from this process (e.g. a CLI that boots Strapi). */
  dispatch: boolean;
  /** A delivery that would list more changes than this asks for a full rebuild (`resync`) instead. */
  maxChanges: number;
  /** Finished deliveries, their attempts and undelivered outbox events are kept this long. */
  retentionMs: number;
}

/** Signs in development and tests when no secret is set; production refuses it (see below). */
export const DEV_REBUILD_WEBHOOK_SECRET = 'dev-only-rebuild-webhook-secret';

export const DEFAULT_POLL_INTERVAL_MS = 1_000;
export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_MAX_CHANGES = 1_000;
export const DEFAULT_RETENTION_DAYS = 21;
const DAY_MS = 24 * 60 * 60_000;

/** The same notion of "nobody set this" as src/lib/secrets.ts, for the one secret it doesn't know. */
const PLACEHOLDER = /^(tobemodified\d*|change-?me.*|dev-only-.*|replace-?me.*|secret|default)?$/i;

/** What the plugin's config hands over: numbers may still be strings when read from env. */
export interface RebuildConfigInput {
  urls?: string | string[];
  secret?: string;
  window?: Partial<Record<keyof CoalesceWindow, number | string>>;
  retry?: Partial<{ maxAttempts: number | string; baseDelayMs: number | string; maxDelayMs: number | string; jitter: string }>;
  timeoutMs?: number | string;
  pollIntervalMs?: number | string;
  leaseMs?: number | string;
  dispatch?: boolean | string;
  maxChanges?: number | string;
  retentionDays?: number | string;
}

function numberSetting(name: string, value: number | string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(parsed) || parsed < min) {
    throw new RangeError(`rebuild webhooks: ${name} must be a number >= ${min}, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

function booleanSetting(name: string, value: boolean | string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new RangeError(`rebuild webhooks: ${name} must be true or false, got ${JSON.stringify(value)}`);
}

/**
 * Fills in defaults and checks every value; throws (naming the setting) on anything unusable, so a
 * typo fails the boot instead of silently never rebuilding a site.
 */
export function resolveRebuildConfig(input: RebuildConfigInput = {}): RebuildConfig {
  const urls = parseTargets(Array.isArray(input.urls) ? input.urls.join(',') : input.urls).map((target) => target.url);
  const secret = input.secret === undefined || input.secret === '' ? DEV_REBUILD_WEBHOOK_SECRET : input.secret;
  secretKeyBytes(secret); // throws on an unusable secret, without echoing it

  const window: CoalesceWindow = {
    quietMs: numberSetting('window.quietMs', input.window?.quietMs, DEFAULT_WINDOW.quietMs, 0),
    maxWaitMs: numberSetting('window.maxWaitMs', input.window?.maxWaitMs, DEFAULT_WINDOW.maxWaitMs, 0),
  };
  if (window.maxWaitMs < window.quietMs) {
    throw new RangeError(`rebuild webhooks: window.maxWaitMs (${window.maxWaitMs}) must be >= window.quietMs (${window.quietMs})`);
  }

  const jitter = (input.retry?.jitter === undefined || input.retry.jitter === '' ? DEFAULT_RETRY_POLICY.jitter : input.retry.jitter) as JitterMode;
  if (jitter !== 'full' && jitter !== 'decorrelated' && jitter !== 'none') {
    throw new RangeError(`rebuild webhooks: retry.jitter must be 'full', 'decorrelated' or 'none', got ${JSON.stringify(jitter)}`);
  }
  const retry: RetryPolicy = {
    maxAttempts: numberSetting('retry.maxAttempts', input.retry?.maxAttempts, DEFAULT_RETRY_POLICY.maxAttempts, 1),
    baseDelayMs: numberSetting('retry.baseDelayMs', input.retry?.baseDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs, 1),
    maxDelayMs: numberSetting('retry.maxDelayMs', input.retry?.maxDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs, 1),
    jitter,
  };
  if (!Number.isInteger(retry.maxAttempts)) {
    throw new RangeError(`rebuild webhooks: retry.maxAttempts must be an integer, got ${retry.maxAttempts}`);
  }
  if (retry.maxDelayMs < retry.baseDelayMs) {
    throw new RangeError(`rebuild webhooks: retry.maxDelayMs (${retry.maxDelayMs}) must be >= retry.baseDelayMs (${retry.baseDelayMs})`);
  }

  const timeoutMs = numberSetting('timeoutMs', input.timeoutMs, DEFAULT_ATTEMPT_TIMEOUT_MS, 1);
  const pollIntervalMs = numberSetting('pollIntervalMs', input.pollIntervalMs, DEFAULT_POLL_INTERVAL_MS, 1);
  const leaseMs = numberSetting('leaseMs', input.leaseMs, Math.max(DEFAULT_LEASE_MS, 2 * timeoutMs), 1);
  if (leaseMs <= timeoutMs) {
    // A lease that ends before the request may would let a second instance send the same delivery.
    throw new RangeError(`rebuild webhooks: leaseMs (${leaseMs}) must be longer than timeoutMs (${timeoutMs})`);
  }

  return {
    urls,
    secret,
    window,
    retry,
    timeoutMs,
    pollIntervalMs,
    leaseMs,
    dispatch: booleanSetting('dispatch', input.dispatch, true),
    maxChanges: Math.trunc(numberSetting('maxChanges', input.maxChanges, DEFAULT_MAX_CHANGES, 1)),
    retentionMs: numberSetting('retentionDays', input.retentionDays, DEFAULT_RETENTION_DAYS, 1) * DAY_MS,
  };
}

export class MissingRebuildSecretError extends Error {
  constructor() {
    super(
      'Refusing to start in production: REBUILD_WEBHOOK_URLS is set but REBUILD_WEBHOOK_SECRET is missing or left at a ' +
        'default value. Set a real signing secret (e.g. "whsec_" + base64 of 32 random bytes) and give it to the receivers.'
    );
    this.name = 'MissingRebuildSecretError';
  }
}

/**
 * Throws when NODE_ENV=production, REBUILD_WEBHOOK_URLS names a target and the secret is unset or
 * a placeholder: receivers would accept calls signed with a secret anyone can read in this repo.
 * Without targets nothing is sent, so no secret is needed.
 */
export function assertProductionRebuildSecret(environment: NodeJS.ProcessEnv): void {
  if (environment.NODE_ENV !== 'production') return;
  if (parseTargets(environment.REBUILD_WEBHOOK_URLS).length === 0) return;
  const secret = environment.REBUILD_WEBHOOK_SECRET;
  if (secret === undefined || PLACEHOLDER.test(secret.trim())) throw new MissingRebuildSecretError();
}

/**
 * The signing secret the plugin's config reads: REBUILD_WEBHOOK_SECRET, or the labelled
 * development value outside production. Refuses production without a real one (see above).
 */
export function rebuildWebhookSecret(environment: NodeJS.ProcessEnv): string {
  assertProductionRebuildSecret(environment);
  const secret = environment.REBUILD_WEBHOOK_SECRET;
  return secret === undefined || secret === '' ? DEV_REBUILD_WEBHOOK_SECRET : secret;
}
