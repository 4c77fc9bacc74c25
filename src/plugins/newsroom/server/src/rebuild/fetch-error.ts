/**
 * What went wrong with a request that got no answer, in the shape classifyAttempt reads.
 * Node's fetch hides the useful part: a refused connection is a TypeError "fetch failed" whose
 * `cause` carries the code (ECONNREFUSED); a timeout is a DOMException named TimeoutError.
 */
import type { AttemptResult } from './types';

type ErrorFacts = Extract<AttemptResult, { error: unknown }>['error'];

function factsOf(value: unknown): Partial<ErrorFacts> {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as { name?: unknown; code?: unknown; message?: unknown };
  return {
    name: typeof record.name === 'string' ? record.name : undefined,
    code: typeof record.code === 'string' ? record.code : undefined,
    message: typeof record.message === 'string' ? record.message : undefined,
  };
}

/** The innermost cause names the failure; the outer error is only the fallback. */
export function describeFetchError(error: unknown): ErrorFacts {
  const outer = factsOf(error);
  let cause: unknown = typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  // AggregateError (every address of a host refused) keeps the per-address errors in `errors`.
  const nested = (cause as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(nested) && nested.length > 0) cause = nested[0];
  const inner = factsOf(cause);
  const message = inner.message ?? outer.message ?? (typeof error === 'string' ? error : 'unknown error');
  if (inner.code !== undefined || inner.message !== undefined) {
    return { name: inner.name ?? outer.name, code: inner.code, message };
  }
  return { name: outer.name, code: outer.code, message };
}
