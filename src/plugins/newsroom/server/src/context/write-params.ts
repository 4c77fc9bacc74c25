/**
 * What an importer knows about a document it is about to write that the document itself does not
 * carry: whether the page was cut off, where it came from. REST and GraphQL writes have no hints
 * and are judged on their data alone.
 */
export interface WriteHints {
  truncated?: boolean;
  sourceUrl?: string | null;
  /** The key of the page text the document was read from: a merge keeps it, so a split can move it. */
  pageKey?: string;
  /** An editor split this copy out of a story: it is a story of its own and merges into none. */
  standalone?: boolean;
}

/** What the story writer did with a create: made a new document or merged it into one. */
export interface WriteOutcome {
  action: 'created' | 'merged';
  documentId: string;
  /** False when a merge found nothing new (the same page read again). */
  changed: boolean;
}

/**
 * The newsroom's mark on a document-service call's params. The document service hands the very
 * params object its caller passed to every middleware, so the mark travels with the call and no
 * further. A symbol, because a client's query string becomes part of those params too: no
 * `?newsroom[...]=` can forge it.
 */
const MARK = Symbol('newsroom write');

interface Mark {
  outcome?: WriteOutcome;
  byWriter?: true;
}

const markOf = (params: unknown): Mark | undefined => (params as { [MARK]?: Mark })[MARK];

/**
 * Marks a create or update the story writer makes once its steps are done: its adapter lets it
 * through, so nothing the writer does runs its steps again.
 */
export function byWriter<P extends object>(params: P): P {
  return Object.assign(params, { [MARK]: { byWriter: true as const } });
}

export function isByWriter(params: unknown): boolean {
  return markOf(params)?.byWriter === true;
}

/** Set on a client's create once the writer knows what it became, for the middlewares around it. */
export function setOutcome(params: object, outcome: WriteOutcome): void {
  Object.assign(params, { [MARK]: { ...markOf(params), outcome } });
}

export function outcomeOf(params: unknown): WriteOutcome | undefined {
  return markOf(params)?.outcome;
}
