import { fork } from 'child_process';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';

/**
 * A Strapi server in a process of its own, beside the one that starts it (the benchmark's load
 * generator, a test's second instance). Both halves of the exchange live here: the child says it is
 * listening with `{ port, ... }` and shuts down on 'stop'.
 */

export interface ServerProcess<Ready extends { port: number }> {
  ready: Ready;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Forks `modulePath` with `env` and resolves once it listens; rejects when it exits first. */
export function startServerProcess<Ready extends { port: number }>(modulePath: string, env: NodeJS.ProcessEnv, stdio: 'inherit' | 'stderr' = 'stderr'): Promise<ServerProcess<Ready>> {
  return new Promise((resolve, reject) => {
    const child = fork(modulePath, [], { env, stdio: stdio === 'inherit' ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 2, 2, 'ipc'] });
    const exitedEarly = (code: number | null) => reject(new Error(`the server process ${modulePath} exited with code ${code} before listening`));
    child.once('exit', exitedEarly);
    child.once('message', (ready: Ready) => {
      child.off('exit', exitedEarly);
      resolve({
        ready,
        url: `http://127.0.0.1:${ready.port}`,
        pid: child.pid ?? 0,
        stop: () =>
          new Promise<void>((done) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.send('stop');
          }),
      });
    });
  });
}

/** In the child: listens on a free port of 127.0.0.1, tells the parent `{ port, ...extra }`, and stops Strapi on 'stop'. */
export async function serveUntilStopped(strapi: Core.Strapi, extra: Record<string, unknown> = {}): Promise<void> {
  strapi.server.mount();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  process.on('message', (message) => {
    if (message !== 'stop') return;
    strapi
      .destroy()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  });
  process.send?.({ port, ...extra });
}
