import http from 'http';
import type { AddressInfo } from 'net';
import type { SiteChangedPayload } from '../../src/plugins/newsroom/server/src/rebuild';

/** A real HTTP receiver for rebuild webhooks on 127.0.0.1, as a build system would run one. */

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  payload: SiteChangedPayload;
  /** The status this receiver answered, or null when it never answered. */
  answered: number | null;
}

export type Answer = number | 'hang';

/** A webhook receiver: records every request and answers what `answer` says for the nth one (0-based). */
export class Receiver {
  readonly requests: Received[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly server: http.Server, private answer: (index: number, path: string) => Answer) {}

  static async start(answer: (index: number, path: string) => Answer = () => 204, port = 0): Promise<Receiver> {
    let receiver: Receiver | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => (receiver as Receiver).handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    receiver = new Receiver(server, answer);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const answer = this.answer(this.requests.length, req.url ?? '');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    this.requests.push({ path: req.url ?? '', headers, body, payload: JSON.parse(body) as SiteChangedPayload, answered: answer === 'hang' ? null : answer });
    if (answer !== 'hang') res.writeHead(answer).end();
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves once `done(requests)` holds (checked on every request). */
  waitFor(done: (requests: Received[]) => boolean): Promise<void> {
    if (done(this.requests)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!done(this.requests)) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on (yet): reserved by listening, then released. */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

