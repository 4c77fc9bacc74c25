/**
 * Ingest and its stock anchor take turns on slices of the same pages (see ingestSideBySide in
 * main.ts). Pure, so it is tested alone.
 */

/** The items of turn `index` (0-based) out of `turns`: consecutive slices that cover them all once. */
export function sliceForTurn<T>(items: T[], index: number, turns: number): T[] {
  if (!Number.isInteger(turns) || turns < 1 || !Number.isInteger(index) || index < 0 || index >= turns) {
    throw new RangeError(`turn ${index} of ${turns} does not exist`);
  }
  const size = Math.ceil(items.length / turns);
  return items.slice(index * size, (index + 1) * size);
}

