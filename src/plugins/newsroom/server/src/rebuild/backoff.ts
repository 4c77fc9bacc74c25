/**
 * Spacing of retries. Jitter matters here: one publish fans out to every target at once, and a
 * receiver that went down for all of them would otherwise get every retry in the same second.
 */
import type { RetryPolicy } from './types';

/**
 * 8 attempts = the first one + 7 retries. Without jitter the retries wait
 *   1, 2, 4, 8, 16, 32, 60 (64 capped at 60) minutes = 123 minutes in total;
 * full jitter draws each delay uniformly below that, so the expected total is half: 61.5 minutes,
 * i.e. a failing target is given up on about an hour after the change (two at the very worst).
 * A 1-minute base keeps the first retry quick enough for a frontend restarting during a deploy.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 8,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  jitter: 'full',
});

function assertPolicy(policy: RetryPolicy): void {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry policy maxAttempts must be an integer >= 1, got ${policy.maxAttempts}`);
  }
  if (!Number.isFinite(policy.baseDelayMs) || policy.baseDelayMs <= 0) {
    throw new RangeError(`retry policy baseDelayMs must be > 0, got ${policy.baseDelayMs}`);
  }
  if (!Number.isFinite(policy.maxDelayMs) || policy.maxDelayMs < policy.baseDelayMs) {
    throw new RangeError(`retry policy maxDelayMs must be >= baseDelayMs, got ${policy.maxDelayMs}`);
  }
  if (policy.jitter !== 'full' && policy.jitter !== 'decorrelated' && policy.jitter !== 'none') {
    throw new RangeError(`retry policy jitter must be 'full', 'decorrelated' or 'none', got ${String(policy.jitter)}`);
  }
}

/** base × 2^(failures-1), capped. Written with Math.min first so a huge attempt count can't overflow into NaN. */
function cappedExponentialMs(failures: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(failures - 1, 1024));
}

/**
 * Delay before attempt number `attempt + 1` after `attempt` failures (attempt >= 1), or null when
 * no attempts remain (attempt >= maxAttempts). `random` returns a number in [0, 1) and is injected
 * so tests can pin it.
 *
 * - 'none': the capped exponential.
 * - 'full': uniform in [0, capped exponential).
 * - 'decorrelated': uniform in [base, 3 × previousDelayMs), capped at maxDelayMs. The previous
 *   delay is the one actually waited; when the caller doesn't pass it (it isn't stored), the
 *   un-jittered previous step stands in (base for the first retry).
 */
export function nextRetryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  previousDelayMs?: number
): number | null {
  assertPolicy(policy);
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be an integer >= 1 (failures so far), got ${attempt}`);
  }
  if (attempt >= policy.maxAttempts) return null;

  const exponential = cappedExponentialMs(attempt, policy);
  if (policy.jitter === 'none') return exponential;

  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${r}`);

  if (policy.jitter === 'full') return Math.floor(r * exponential);

  const previous =
    previousDelayMs !== undefined && Number.isFinite(previousDelayMs) && previousDelayMs >= 0
      ? previousDelayMs
      : attempt === 1
        ? policy.baseDelayMs
        : cappedExponentialMs(attempt - 1, policy);
  const upper = Math.max(policy.baseDelayMs, previous * 3);
  return Math.min(policy.maxDelayMs, Math.floor(policy.baseDelayMs + r * (upper - policy.baseDelayMs)));
}
