import { batchDueAt, DEFAULT_WINDOW, isBatchDue } from '../../../src/plugins/newsroom/server/src/rebuild';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');
const at = (offsetMs: number) => ({ createdAt: new Date(T0 + offsetMs).toISOString() });

describe('DEFAULT_WINDOW', () => {
  it('is 5 s quiet, 60 s at most', () => {
    expect(DEFAULT_WINDOW).toEqual({ quietMs: 5_000, maxWaitMs: 60_000 });
  });
});

describe('batchDueAt', () => {
  it('is null for no events', () => {
    expect(batchDueAt([], DEFAULT_WINDOW)).toBeNull();
  });

  it('is the quiet window after a single event', () => {
    expect(batchDueAt([at(0)], DEFAULT_WINDOW)?.getTime()).toBe(T0 + 5_000);
  });

  it('moves with each new event while the burst is shorter than the max wait', () => {
    const events = [at(0), at(2_000), at(4_000), at(9_000)];
    expect(batchDueAt(events, DEFAULT_WINDOW)?.getTime()).toBe(T0 + 14_000);
  });

  it('caps a never-ending burst at first event + max wait (an event every second for 2 minutes)', () => {
    const events = Array.from({ length: 120 }, (_, second) => at(second * 1_000));
    expect(batchDueAt(events, DEFAULT_WINDOW)?.getTime()).toBe(T0 + 60_000);
  });

  it('takes first and last by time, not by array position', () => {
    const events = [at(9_000), at(0), at(4_000)];
    expect(batchDueAt(events, { quietMs: 5_000, maxWaitMs: 10_000 })?.getTime()).toBe(T0 + 10_000);
    expect(batchDueAt(events, { quietMs: 5_000, maxWaitMs: 60_000 })?.getTime()).toBe(T0 + 14_000);
  });

  it('honours a configured window', () => {
    expect(batchDueAt([at(0), at(1_000)], { quietMs: 0, maxWaitMs: 60_000 })?.getTime()).toBe(T0 + 1_000);
    expect(batchDueAt([at(0), at(1_000)], { quietMs: 30_000, maxWaitMs: 20_000 })?.getTime()).toBe(T0 + 20_000);
  });

  it('accepts timestamps with offsets and treats them as instants', () => {
    expect(batchDueAt([{ createdAt: '2025-03-01T13:00:00+01:00' }], DEFAULT_WINDOW)?.getTime()).toBe(T0 + 5_000);
  });

  it('refuses an unreadable timestamp or a negative window', () => {
    expect(() => batchDueAt([{ createdAt: 'yesterday' }], DEFAULT_WINDOW)).toThrow(
      'event createdAt is not a valid instant: "yesterday"'
    );
    expect(() => batchDueAt([at(0)], { quietMs: -1, maxWaitMs: 60_000 })).toThrow('quietMs');
    expect(() => batchDueAt([at(0)], { quietMs: 5_000, maxWaitMs: Number.NaN })).toThrow('maxWaitMs');
  });
});

describe('isBatchDue', () => {
  it('is false for no events', () => {
    expect(isBatchDue([], DEFAULT_WINDOW, new Date(T0 + 3_600_000))).toBe(false);
  });

  it('becomes true exactly when the quiet window has passed', () => {
    const events = [at(0), at(3_000)];
    expect(isBatchDue(events, DEFAULT_WINDOW, new Date(T0 + 7_999))).toBe(false);
    expect(isBatchDue(events, DEFAULT_WINDOW, new Date(T0 + 8_000))).toBe(true);
  });

  it('becomes true at the max wait even though events keep arriving', () => {
    const events = Array.from({ length: 120 }, (_, second) => at(second * 1_000));
    // Only what had arrived by each "now" is pending then.
    const pendingAt = (now: number) => events.filter((event) => Date.parse(event.createdAt) <= now);
    expect(isBatchDue(pendingAt(T0 + 59_999), DEFAULT_WINDOW, new Date(T0 + 59_999))).toBe(false);
    expect(isBatchDue(pendingAt(T0 + 60_000), DEFAULT_WINDOW, new Date(T0 + 60_000))).toBe(true);
  });
});
