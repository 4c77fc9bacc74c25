import path from 'path';
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';

/** The project root: bench/out/bench/ is three levels below it. */
export const APP_DIR = path.resolve(__dirname, '..', '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

export interface BootOptions {
  /** The SQLite file to run on (created when it does not exist). */
  databaseFile: string;
  /** false runs stock Strapi: the same app and content types without the newsroom plugin. */
  plugin: boolean;
  env?: Record<string, string>;
}

/**
 * Environment for a measured Strapi: production mode (with throwaway secrets, as a deployment has
 * its own), quiet logs (a log line per request would be measured too), no sample content.
 */
export function benchEnv({ databaseFile, plugin, env = {} }: BootOptions): Record<string, string> {
  const secret = () => randomBytes(32).toString('base64');
  return {
    NODE_ENV: 'production',
    APP_KEYS: `${secret()},${secret()}`,
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    LOG_LEVEL: 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    BROWSER: 'none',
    SEED_SAMPLE_CONTENT: 'false',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: databaseFile,
    NEWSROOM_PLUGIN_ENABLED: String(plugin),
    // Production turns the ingest worker on; only the public-edge server, which ingests over HTTP, runs one.
    INGEST_WORKER: 'false',
    ...env,
  };
}

/** Boots the compiled app in this process, with the environment the parent gave it. */
export async function bootStrapi(): Promise<Core.Strapi> {
  // Required late: the environment must be in place before Strapi reads its config.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  return createStrapi({ appDir: APP_DIR, distDir: DIST_DIR }).load();
}

/**
 * The node flags `npm run ingest` runs with (package.json's "ingest" script, e.g. its heap cap),
 * so the measured ingest process, and the stock anchor beside it, run as the command does.
 */
export function ingestNodeFlags(appDir = APP_DIR): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { scripts } = require(path.join(appDir, 'package.json')) as { scripts?: Record<string, string> };
  const words = (scripts?.ingest ?? '').split(/\s+/);
  if (words[0] !== 'node') throw new Error('package.json\'s "ingest" script no longer starts with node: update ingestNodeFlags()');
  const script = words.findIndex((word, index) => index > 0 && !word.startsWith('-'));
  return words.slice(1, script === -1 ? undefined : script);
}
