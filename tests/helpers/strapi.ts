import path from 'path';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';
import { APP_DIR, DIST_DIR } from './paths';
import { startServerProcess, type ServerProcess } from '../../scripts/server-process';

export interface TestApp {
  strapi: Core.Strapi;
  /** Base URL of the running server, e.g. http://127.0.0.1:40123 */
  url: string;
  /** supertest bound to the live server: every call is a real HTTP request. */
  http: () => request.Agent;
  database: TestDatabase;
  stop(): Promise<void>;
}

const QUIET_ENV: Record<string, string> = {
  LOG_LEVEL: 'error',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  BROWSER: 'none',
  SEED_SAMPLE_CONTENT: 'false',
};

/**
 * Boots the compiled app (see global-setup.ts) on a fresh database and listens on a free port.
 * `env` overrides environment variables for this instance only.
 */
export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** Boot on this existing database (e.g. for a second boot) instead of a fresh one; it is not dropped on stop. */
  database?: TestDatabase;
}

export async function startTestStrapi({ env = {}, database: given }: StartOptions = {}): Promise<TestApp> {
  const database = given ?? (await createTestDatabase());
  const ownsDatabase = given === undefined;
  const previous = applyEnv({ ...QUIET_ENV, ...database.env, ...env });

  let strapi: Core.Strapi;
  try {
    strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR }).load();
    strapi.server.mount();
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  } catch (error) {
    restoreEnv(previous);
    if (ownsDatabase) await database.drop();
    throw error;
  }

  const { port } = strapi.server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    strapi,
    url,
    http: () => request.agent(url),
    database,
    async stop() {
      await waitForIdlePool(strapi);
      await strapi.destroy();
      restoreEnv(previous);
      if (ownsDatabase) await database.drop();
    },
  };
}

/**
 * Strapi finishes some writes after it has answered a request (an API token's lastUsedAt, for
 * one). Closing the pool under them aborts them, and the test file fails on shutdown; so the
 * pool is given up to a few seconds to fall idle first.
 */
async function waitForIdlePool(strapi: Core.Strapi, timeoutMs = 3000): Promise<void> {
  const pool = (strapi.db.connection.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
  if (!pool) return;
  const deadline = Date.now() + timeoutMs;
  while (pool.numUsed() + pool.numPendingAcquires() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function applyEnv(values: Record<string, string | undefined>): Record<string, string | undefined> {
  const previous: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(values)) {
    previous[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return previous;
}

function restoreEnv(previous: Record<string, string | undefined>): void {
  applyEnv(previous);
}

/** Another instance of the app, in a process of its own, on an existing database (as a second server would be). */
export function startStrapiProcess({ env = {}, database }: { env?: Record<string, string>; database: TestDatabase }): Promise<ServerProcess<{ port: number }>> {
  return startServerProcess(path.join(__dirname, 'strapi-process.js'), { ...process.env, ...QUIET_ENV, ...database.env, ...env }, 'inherit');
}
