import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { compileStrapi } from '@strapi/strapi';
import { APP_DIR, DIST_DIR } from '../helpers/paths';

/** What the admin bundle is built from: when any of it is newer than the bundle, build again. */
const ADMIN_SOURCES = ['src/admin', 'src/plugins/newsroom/admin/src', 'src/plugins/newsroom/package.json', 'config/plugins.ts', 'config/admin.ts', 'package-lock.json'];
export const ADMIN_INDEX = path.join(DIST_DIR, 'build', 'index.html');

function newestChange(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
}

export function adminBuildIsStale(): boolean {
  if (!fs.existsSync(ADMIN_INDEX)) return true;
  const built = fs.statSync(ADMIN_INDEX).mtimeMs;
  return ADMIN_SOURCES.some((source) => newestChange(path.join(APP_DIR, source)) > built);
}

/**
 * The browser test needs the server compiled and the admin panel built (dist/build). `strapi
 * build` does both; it runs only when the bundle is missing or older than its sources, since it
 * takes a minute. NEWSROOM_TEST_SKIP_COMPILE=1 uses dist/ as it is.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEWSROOM_TEST_SKIP_COMPILE === '1') return;
  if (adminBuildIsStale()) {
    console.log('\nBuilding the admin panel (strapi build)…');
    execFileSync(process.execPath, [path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js'), 'build'], {
      cwd: APP_DIR,
      stdio: 'inherit',
      env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
    });
  } else {
    await compileStrapi({ appDir: APP_DIR });
  }
}
