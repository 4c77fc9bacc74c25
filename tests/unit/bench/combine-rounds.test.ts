import { combineRounds, median } from '../../../bench/report';

describe('combineRounds (the bench loads each endpoint in rounds that take turns)', () => {
  it('gives the rate over all rounds together, not the mean of the rounds’ rates', () => {
    // 1,000 requests in 2 s and 3,000 in 4 s: 4,000 in 6 s, where the mean of rates would say 625.
    const result = combineRounds([
      { requests: 1000, seconds: 2, p99: 9 },
      { requests: 3000, seconds: 4, p99: 12 },
    ]);
    expect(result.requestsPerSecond).toBeCloseTo(4000 / 6, 6);
  });

  it('takes the median of the rounds’ p99', () => {
    expect(combineRounds([{ requests: 1, seconds: 1, p99: 30 }]).p99).toBe(30);
    expect(combineRounds([10, 50, 20].map((p99) => ({ requests: 1, seconds: 1, p99 }))).p99).toBe(20);
    expect(combineRounds([10, 50, 20, 14].map((p99) => ({ requests: 1, seconds: 1, p99 }))).p99).toBe(17);
  });

  it('refuses no rounds at all', () => {
    expect(() => combineRounds([])).toThrow(/at least one round/);
  });
});

describe('median (assembly times at each archive size)', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([14.2, 9.1, 30.5])).toBe(14.2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('leaves its input in order and refuses no values', () => {
    const times = [3, 1, 2];
    median(times);
    expect(times).toEqual([3, 1, 2]);
    expect(() => median([])).toThrow(/at least one value/);
  });
});
