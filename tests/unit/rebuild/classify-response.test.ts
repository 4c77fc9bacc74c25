import { classifyAttempt, DEFAULT_ATTEMPT_TIMEOUT_MS } from '../../../src/plugins/newsroom/server/src/rebuild';

const kind = (status: number) => classifyAttempt({ status }).kind;

describe('classifyAttempt', () => {
  it('treats every 2xx as delivered', () => {
    for (const status of [200, 201, 202, 204, 299]) expect(classifyAttempt({ status })).toEqual({ kind: 'delivered' });
  });

  it('disables the target on 410 Gone', () => {
    expect(classifyAttempt({ status: 410 })).toEqual({
      kind: 'disable-target',
      reason: 'HTTP 410 Gone: the receiver retired this endpoint',
    });
  });

  it('retries server errors and the transient 4xx statuses', () => {
    for (const status of [500, 502, 503, 504, 408, 409, 425, 429]) expect(kind(status)).toBe('retry');
    expect(classifyAttempt({ status: 503 })).toEqual({ kind: 'retry', reason: 'HTTP 503: server error' });
    expect(classifyAttempt({ status: 429 })).toEqual({ kind: 'retry', reason: 'HTTP 429: try again later' });
  });

  it('retries other 4xx (usually misconfiguration fixed within the retry window), saying what to check', () => {
    for (const status of [400, 404, 405, 413, 422]) expect(kind(status)).toBe('retry');
    expect(classifyAttempt({ status: 401 })).toEqual({
      kind: 'retry',
      reason: 'HTTP 401: rejected, check the webhook secret',
    });
    expect(classifyAttempt({ status: 403 }).kind).toBe('retry');
    expect(classifyAttempt({ status: 404 })).toEqual({
      kind: 'retry',
      reason: 'HTTP 404: client error, check the target URL and receiver',
    });
  });

  it('retries redirects (not followed), 1xx and impossible statuses', () => {
    expect(classifyAttempt({ status: 301 })).toEqual({
      kind: 'retry',
      reason: 'HTTP 301: redirect not followed, update the target URL',
    });
    for (const status of [100, 302, 307, 308, 0, 600, Number.NaN, 200.5]) expect(kind(status)).toBe('retry');
  });

  it('retries a timeout, however node reports it', () => {
    const timeouts = [
      { name: 'TimeoutError', message: 'The operation was aborted due to timeout' },
      { name: 'AbortError', message: 'This operation was aborted' },
      { code: 'ETIMEDOUT', message: 'connect ETIMEDOUT 10.0.0.1:443' },
      { code: 'UND_ERR_HEADERS_TIMEOUT', message: 'Headers Timeout Error' },
    ];
    for (const error of timeouts) {
      const outcome = classifyAttempt({ error });
      expect(outcome.kind).toBe('retry');
      expect(outcome.kind === 'retry' && outcome.reason.startsWith('timeout (')).toBe(true);
    }
    expect(classifyAttempt({ error: { name: 'TimeoutError', message: 'aborted' } })).toEqual({
      kind: 'retry',
      reason: 'timeout (TimeoutError: aborted)',
    });
  });

  it('retries refused connections, DNS failures and unknown errors as network errors', () => {
    expect(
      classifyAttempt({
        error: { name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:3000' },
      })
    ).toEqual({
      kind: 'retry',
      reason: 'network error (Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:3000)',
    });
    expect(classifyAttempt({ error: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND site.invalid' } }).kind).toBe(
      'retry'
    );
    expect(classifyAttempt({ error: { message: 'fetch failed' } })).toEqual({
      kind: 'retry',
      reason: 'network error (fetch failed)',
    });
  });

  it('documents a 10 s default attempt timeout', () => {
    expect(DEFAULT_ATTEMPT_TIMEOUT_MS).toBe(10_000);
  });
});
