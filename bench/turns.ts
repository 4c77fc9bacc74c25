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

/** How many of `count` items turn `index` (0-based) out of `turns` takes (see sliceForTurn). */
export function turnLength(count: number, index: number, turns: number): number {
  if (!Number.isInteger(turns) || turns < 1 || !Number.isInteger(index) || index < 0 || index >= turns) {
    throw new RangeError(`turn ${index} of ${turns} does not exist`);
  }
  const size = Math.ceil(count / turns);
  return Math.max(0, Math.min(size, count - index * size));
}

/** The items of turn `index` (0-based) out of `turns`: consecutive slices that cover them all once. */
export function sliceForTurn<T>(items: T[], index: number, turns: number): T[] {
  const size = Math.ceil(items.length / turns);
  return items.slice(index * size, index * size + turnLength(items.length, index, turns));
}

/**
 * Messages as they arrive, to be taken one at a time: `next()` answers a queued one, or waits for
 * the next to come; once `close(error)` was called it rejects with that error instead of waiting.
 * Both ends of a turn-taking worker read their messages through one.
 */
export function messageQueue<T>(): { push(message: T): void; close(error: Error): void; next(): Promise<T> } {
  const queued: T[] = [];
  const waiting: Array<{ resolve: (message: T) => void; reject: (error: Error) => void }> = [];
  let closed: Error | null = null;
  return {
    push(message) {
      const next = waiting.shift();
      if (next) next.resolve(message);
      else queued.push(message);
    },
    close(error) {
      closed = error;
      for (const next of waiting.splice(0)) next.reject(error);
    },
    next() {
      if (queued.length > 0) return Promise.resolve(queued.shift() as T);
      if (closed) return Promise.reject(closed);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}
