import {
  DEFAULT_RETRY_POLICY,
  nextRetryDelayMs,
  type RetryPolicy,
} from '../../../src/plugins/newsroom/server/src/rebuild';

const NO_JITTER: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 10_000, jitter: 'none' };
const MINUTE = 60_000;

/** Every delay a delivery can wait under `policy`: after failure 1, 2, … until none remain. */
function allDelays(policy: RetryPolicy, random: () => number): number[] {
  const delays: number[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const delay = nextRetryDelayMs(attempt, policy, random);
    if (delay === null) return delays;
    delays.push(delay);
  }
}

describe('nextRetryDelayMs', () => {
  it('doubles from the base delay and is capped at maxDelayMs', () => {
    expect(allDelays(NO_JITTER, Math.random)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000]);
  });

  it('returns null once maxAttempts attempts have been made', () => {
    expect(nextRetryDelayMs(5, NO_JITTER)).toBe(10_000);
    expect(nextRetryDelayMs(6, NO_JITTER)).toBeNull();
    expect(nextRetryDelayMs(7, NO_JITTER)).toBeNull();
    expect(nextRetryDelayMs(1, { ...NO_JITTER, maxAttempts: 1 })).toBeNull();
  });

  it('full jitter stays in [0, capped exponential) and scales with random', () => {
    const full: RetryPolicy = { ...NO_JITTER, jitter: 'full' };
    expect(nextRetryDelayMs(3, full, () => 0)).toBe(0);
    expect(nextRetryDelayMs(3, full, () => 0.5)).toBe(2_000);
    expect(nextRetryDelayMs(3, full, () => 0.999999)).toBe(3_999);
    expect(nextRetryDelayMs(5, full, () => 0.999999)).toBe(9_999); // 16 000 capped at 10 000
    for (let attempt = 1; attempt < full.maxAttempts; attempt += 1) {
      const ceiling = nextRetryDelayMs(attempt, NO_JITTER) as number;
      for (let i = 0; i < 200; i += 1) {
        const delay = nextRetryDelayMs(attempt, full) as number;
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });

  it('decorrelated jitter stays in [base, 3 × previous], capped', () => {
    const decorrelated: RetryPolicy = { ...NO_JITTER, jitter: 'decorrelated' };
    expect(nextRetryDelayMs(1, decorrelated, () => 0)).toBe(1_000);
    expect(nextRetryDelayMs(1, decorrelated, () => 0.5)).toBe(2_000); // [1 000, 3 000)
    expect(nextRetryDelayMs(2, decorrelated, () => 0.5, 3_000)).toBe(5_000); // [1 000, 9 000)
    expect(nextRetryDelayMs(3, decorrelated, () => 0.999999, 9_000)).toBe(10_000); // capped
    // Without the previous delay, the un-jittered previous step stands in: attempt 3 → 2 000 → [1 000, 6 000).
    expect(nextRetryDelayMs(3, decorrelated, () => 0.5)).toBe(3_500);
    let previous: number | undefined;
    for (let attempt = 1; attempt < decorrelated.maxAttempts; attempt += 1) {
      const delay = nextRetryDelayMs(attempt, decorrelated, Math.random, previous) as number;
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(Math.min(10_000, 3 * (previous ?? 1_000)));
      previous = delay;
    }
  });

  it('refuses nonsense input', () => {
    expect(() => nextRetryDelayMs(0, NO_JITTER)).toThrow(RangeError);
    expect(() => nextRetryDelayMs(1.5, NO_JITTER)).toThrow(RangeError);
    expect(() => nextRetryDelayMs(1, { ...NO_JITTER, jitter: 'full' }, () => 1)).toThrow('random()');
    expect(() => nextRetryDelayMs(1, { ...NO_JITTER, maxAttempts: 0 })).toThrow('maxAttempts');
    expect(() => nextRetryDelayMs(1, { ...NO_JITTER, baseDelayMs: 0 })).toThrow('baseDelayMs');
    expect(() => nextRetryDelayMs(1, { ...NO_JITTER, maxDelayMs: 500 })).toThrow('maxDelayMs');
  });

  it('does not overflow for absurd attempt counts', () => {
    expect(nextRetryDelayMs(5_000, { ...NO_JITTER, maxAttempts: 10_000 })).toBe(10_000);
  });
});

describe('DEFAULT_RETRY_POLICY', () => {
  it('is 8 attempts, 1 minute base, 1 hour cap, full jitter', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 8,
      baseDelayMs: MINUTE,
      maxDelayMs: 60 * MINUTE,
      jitter: 'full',
    });
  });

  it('waits 7 times between 8 attempts, at most 1, 2, 4, 8, 16, 32, 60 minutes', () => {
    const ceilings = allDelays({ ...DEFAULT_RETRY_POLICY, jitter: 'none' }, Math.random);
    expect(ceilings.map((ms) => ms / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60]);
  });

  it('spreads 8 attempts over 30 to 90 minutes in expectation (random = 0.5 is the mean of full jitter)', () => {
    const expectedTotal = allDelays(DEFAULT_RETRY_POLICY, () => 0.5).reduce((sum, ms) => sum + ms, 0);
    expect(expectedTotal).toBe(61.5 * MINUTE);
    expect(expectedTotal).toBeGreaterThanOrEqual(30 * MINUTE);
    expect(expectedTotal).toBeLessThanOrEqual(90 * MINUTE);
  });
});
