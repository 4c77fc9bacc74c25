import { sliceForTurn, turnLength } from '../../../bench/turns';

describe('sliceForTurn (ingest and its anchor take turns on the same slices of the pages)', () => {
  const pages = Array.from({ length: 10 }, (_, i) => i);

  it('covers every page once, in order, over all turns', () => {
    for (const turns of [1, 3, 4, 10]) {
      const all = Array.from({ length: turns }, (_, turn) => sliceForTurn(pages, turn, turns)).flat();
      expect(all).toEqual(pages);
    }
  });

  it('gives slices of equal size but the last', () => {
    expect([0, 1, 2, 3].map((turn) => sliceForTurn(pages, turn, 4))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
  });

  it('says how many pages a turn takes, as the slice has them (the rate of a turn is logged with it)', () => {
    expect([0, 1, 2, 3].map((turn) => turnLength(10, turn, 4))).toEqual([3, 3, 3, 1]);
    expect([0, 1, 2, 3].map((turn) => turnLength(2, turn, 4))).toEqual([1, 1, 0, 0]);
    expect(() => turnLength(10, 4, 4)).toThrow('turn 4 of 4 does not exist');
  });

  it('refuses a turn that does not exist', () => {
    expect(() => sliceForTurn(pages, 4, 4)).toThrow('turn 4 of 4 does not exist');
    expect(() => sliceForTurn(pages, 0, 0)).toThrow(RangeError);
    expect(() => sliceForTurn(pages, -1, 2)).toThrow(RangeError);
  });
});
