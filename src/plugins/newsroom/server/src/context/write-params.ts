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

/** What the dedupe middlewares did with a create: made a new document or merged into one. */
export interface WriteOutcome {
  action: 'created' | 'merged';
  documentId: string;
  /** False when a merge found nothing new (the same page read again). */
  changed: boolean;
}

/**
 * The newsroom's part of a document-service call's params. The document service hands the very
 * params object its caller passed to every middleware, so hints go in and the outcome comes back
 * on the call's own object: no state outlives or leaks out of the call.
 */
export interface NewsroomParams {
  newsroom?: { hints?: WriteHints; outcome?: WriteOutcome; byWriter?: true };
}

/**
 * Marks a create or update the article writer makes once its steps are done: the writer's adapter
 * lets it through, so nothing the writer does runs its steps again.
 */
export function byWriter<P extends object>(params: P): P & NewsroomParams {
  return Object.assign(params, { newsroom: { byWriter: true as const } });
}

export function isByWriter(params: unknown): boolean {
  return (params as NewsroomParams).newsroom?.byWriter === true;
}

export function withHints<P extends object>(params: P, hints: WriteHints): P & NewsroomParams {
  return Object.assign(params, { newsroom: { hints } });
}

/** Whether the plugin itself made this call (only it passes hints). */
export function startedByPlugin(params: unknown): boolean {
  return (params as NewsroomParams).newsroom?.hints !== undefined;
}

export function hintsOf(params: unknown): WriteHints {
  return (params as NewsroomParams).newsroom?.hints ?? {};
}

/** Set by the dedupe middleware once it knows what the create became. */
export function setOutcome(params: unknown, outcome: WriteOutcome): void {
  const target = params as NewsroomParams;
  target.newsroom = { ...target.newsroom, outcome };
}

export function outcomeOf(params: unknown): WriteOutcome | undefined {
  return (params as NewsroomParams).newsroom?.outcome;
}
