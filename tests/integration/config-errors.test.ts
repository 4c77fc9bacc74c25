import { spawnSync } from 'child_process';
import path from 'path';
import { APP_DIR } from '../helpers/paths';

const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '.bin', 'strapi');

/** Runs `strapi start` (development secrets) with the given settings; it should stop at boot. */
function startWith(settings: Record<string, string>) {
  return spawnSync(STRAPI_BIN, ['start'], {
    cwd: APP_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      // Never let a developer's .env fill in what the test leaves out.
      ENV_PATH: path.join(APP_DIR, '.tmp', 'no-such.env'),
      DATABASE_FILENAME: path.join(APP_DIR, '.tmp', 'config-refusal.db'),
      STRAPI_TELEMETRY_DISABLED: 'true',
      SEED_SAMPLE_CONTENT: 'false',
      ...settings,
    },
    encoding: 'utf8',
    timeout: 90000,
  });
}

describe('a bad newsroom setting stops the boot, naming it', () => {
  it('refuses RAIL_DEFAULT_LIMIT that is not a number of cards', () => {
    const result = startWith({ RAIL_DEFAULT_LIMIT: 'twenty' });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull(); // null: it booted and ran until the timeout
    expect(`${result.stdout}\n${result.stderr}`).toMatch(/RAIL_DEFAULT_LIMIT\) must be an integer from 1 to 100/);
  });

  it('refuses a public-edge limit that is not a whole number, naming its variable', () => {
    const result = startWith({ GRAPHQL_COST_LIMIT: 'lots' });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(`${result.stdout}\n${result.stderr}`).toMatch(/GRAPHQL_COST_LIMIT must be a whole number of at least 1, got "lots"/);
  });
});
