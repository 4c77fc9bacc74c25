import http from 'http';
import type { AddressInfo } from 'net';
import { classifyAttempt, describeFetchError } from '../../../src/plugins/newsroom/server/src/rebuild';

/** What node's own fetch throws, so the shapes below are the real ones, not guesses. */
async function fetchError(url: string, init: RequestInit = {}): Promise<unknown> {
  try {
    await fetch(url, init);
  } catch (error) {
    return error;
  }
  throw new Error('fetch unexpectedly succeeded');
}

describe('describeFetchError', () => {
  it('names the code of a refused connection, which fetch hides in `cause`', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const facts = describeFetchError(await fetchError(`http://127.0.0.1:${port}/`));
    expect(facts.code).toBe('ECONNREFUSED');
    expect(facts.message).toContain('ECONNREFUSED');
    expect(classifyAttempt({ error: facts })).toEqual({ kind: 'retry', reason: expect.stringMatching(/^network error \(.*ECONNREFUSED/) });
  });

  it('reads an AbortSignal.timeout abort as a timeout', async () => {
    const server = http.createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const facts = describeFetchError(await fetchError(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(50) }));
      expect(facts.name).toBe('TimeoutError');
      expect(classifyAttempt({ error: facts })).toEqual({ kind: 'retry', reason: expect.stringMatching(/^timeout \(TimeoutError/) });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('takes the first of several causes, and survives values that are not errors', () => {
    const aggregate = Object.assign(new TypeError('fetch failed'), {
      cause: { errors: [Object.assign(new Error('connect EHOSTUNREACH ::1'), { code: 'EHOSTUNREACH' })] },
    });
    expect(describeFetchError(aggregate)).toEqual({ name: 'Error', code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH ::1' });
    expect(describeFetchError('boom')).toEqual({ name: undefined, code: undefined, message: 'boom' });
    expect(describeFetchError(null)).toEqual({ name: undefined, code: undefined, message: 'unknown error' });
  });
});
