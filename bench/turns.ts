/**
 * Measurements that take turns with their anchor, each in its own process (see sideBySide in
 * main.ts): ingest and stock create on slices of the same pages, rail assembly at two archive
 * sizes. Pure, so it is tested alone.
 */

/** One side's work: a timed turn at a time, then its result. */
export interface TurnTaking<R> {
  /** Does turn `index` and answers how long it took, in seconds. */
  turn(index: number): Promise<number>;
  finish(): Promise<R>;
}

/** The items of turn `index` (0-based) out of `turns`: consecutive slices that cover them all once. */
export function sliceForTurn<T>(items: T[], index: number, turns: number): T[] {
  if (!Number.isInteger(turns) || turns < 1 || !Number.isInteger(index) || index < 0 || index >= turns) {
    throw new RangeError(`turn ${index} of ${turns} does not exist`);
  }
  const size = Math.ceil(items.length / turns);
  return items.slice(index * size, (index + 1) * size);
}

