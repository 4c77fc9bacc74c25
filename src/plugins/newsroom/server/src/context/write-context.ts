import { AsyncLocalStorage } from 'async_hooks';

/**
 * What an importer knows about a document it is about to write that the document itself does not
 * carry: whether the page was cut off, where it came from. REST and GraphQL
 * writes have no hints and are judged on their data alone.
 */
export interface WriteHints {
  truncated?: boolean;
  sourceUrl?: string | null;
  /** The key of the page text the document was read from: a merge keeps it, so a split can move it. */
  pageKey?: string;
  /** An editor split this copy out of a story: it is a story of its own and merges into none. */
  standalone?: boolean;
}

/** What the dedupe middlewares did with a create: made a new document or merged into one. */
export interface WriteOutcome {
  action: 'created' | 'merged';
  documentId: string;
  /** False when a merge found nothing new (the same page read again). */
  changed: boolean;
}

interface WriteScope {
  hints: WriteHints;
  outcome?: WriteOutcome;
}

const storage = new AsyncLocalStorage<WriteScope>();

/** Runs one write with hints, and reports what the dedupe middlewares decided for it. */
export async function withWriteHints<T>(
  hints: WriteHints,
  write: () => Promise<T>
): Promise<{ result: T; outcome: WriteOutcome | undefined }> {
  const scope: WriteScope = { hints };
  const result = await storage.run(scope, write);
  return { result, outcome: scope.outcome };
}

/**
 * For a middleware that wraps the dedupe middlewares: runs the rest of the chain with the current
 * hints and answers what dedupe decided, passing the outcome on to whoever started the write.
 */
export async function observeWriteOutcome<T>(write: () => Promise<T>): Promise<{ result: T; outcome: WriteOutcome | undefined }> {
  const observed = await withWriteHints(currentWriteHints(), write);
  if (observed.outcome) reportWriteOutcome(observed.outcome);
  return observed;
}

export function currentWriteHints(): WriteHints {
  return storage.getStore()?.hints ?? {};
}

/** Called by a create middleware once it knows the outcome; the innermost create wins. */
export function reportWriteOutcome(outcome: WriteOutcome): void {
  const scope = storage.getStore();
  if (scope && !scope.outcome) scope.outcome = outcome;
}
