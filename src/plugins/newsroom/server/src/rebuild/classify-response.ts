/**
 * What one delivery attempt means for the delivery and for the target.
 *
 * Decisions:
 * - 2xx: delivered. The body is not read; receivers only acknowledge.
 * - 410 Gone: the receiver says this endpoint is retired (the spec's convention), so the target is
 *   disabled and its pending deliveries stop.
 * - 408, 409, 425, 429 and 5xx: transient by definition; retry.
 * - Every other status (400, 401, 403, 404, 413, 422…, 3xx, anything unknown): retry too, with a
 *   reason that says so. These are usually misconfiguration — a rotated secret (401/403), a
 *   moved endpoint (404, or a 3xx: redirects are not followed, since a redirected POST is not a
 *   signed POST to the configured URL) — or a frontend mid-deploy behind a proxy answering 404.
 *   All of these are fixed by a person within the retry hour far more often than they are
 *   permanent, a retry costs one small request, and giving up early would leave the site stale
 *   with nothing left to resend. The retry schedule already bounds the cost.
 * - No answer (timeout, refused, reset, DNS failure, TLS error): retry. DNS and TLS errors can
 *   be permanent too, but are just as often a deploy in progress.
 */
import type { AttemptOutcome, AttemptResult } from './types';

/** How long one attempt may take before it counts as a failure (the service aborts the request). */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

/** Statuses the HTTP spec itself marks as "try again later". */
const TRANSIENT_CLIENT_STATUSES: ReadonlySet<number> = new Set([408, 409, 425, 429]);

/** Error names and codes node (http, undici's fetch, AbortSignal.timeout) uses for "took too long". */
const TIMEOUT_NAMES: ReadonlySet<string> = new Set(['TimeoutError', 'AbortError']);
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR',
]);

function classifyStatus(status: number): AttemptOutcome {
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    return { kind: 'retry', reason: `invalid HTTP status ${status}` };
  }
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'disable-target', reason: 'HTTP 410 Gone: the receiver retired this endpoint' };
  if (status >= 500) return { kind: 'retry', reason: `HTTP ${status}: server error` };
  if (TRANSIENT_CLIENT_STATUSES.has(status)) return { kind: 'retry', reason: `HTTP ${status}: try again later` };
  if (status === 401 || status === 403) {
    return { kind: 'retry', reason: `HTTP ${status}: rejected, check the webhook secret` };
  }
  if (status >= 400)
    return { kind: 'retry', reason: `HTTP ${status}: client error, check the target URL and receiver` };
  if (status >= 300) return { kind: 'retry', reason: `HTTP ${status}: redirect not followed, update the target URL` };
  return { kind: 'retry', reason: `HTTP ${status}: no final answer` };
}

/** Classifies an attempt: { status } from an HTTP answer, or { error } (timeout, refused, DNS...). */
export function classifyAttempt(result: AttemptResult): AttemptOutcome {
  if ('status' in result) return classifyStatus(result.status);
  const { name, code, message } = result.error;
  const timedOut = (name !== undefined && TIMEOUT_NAMES.has(name)) || (code !== undefined && TIMEOUT_CODES.has(code));
  const label = [name, code].filter((part): part is string => part !== undefined && part !== '').join(' ');
  const detail = label === '' ? message : `${label}: ${message}`;
  return { kind: 'retry', reason: timedOut ? `timeout (${detail})` : `network error (${detail})` };
}
