import { spawnSync } from 'child_process';
import path from 'path';
import { REQUIRED_SECRETS } from '../../src/lib/secrets';
import { APP_DIR } from '../helpers/paths';

const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '.bin', 'strapi');

/** Runs `strapi start` with NODE_ENV=production and exactly the given secrets. */
function startInProduction(secrets: Record<string, string>) {
  const environment: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return spawnSync(STRAPI_BIN, ['start'], {
    cwd: APP_DIR,
    env: {
      ...environment,
      ...secrets,
      NODE_ENV: 'production',
      // Never let a developer's .env fill in what the test leaves out.
      ENV_PATH: path.join(APP_DIR, '.tmp', 'no-such.env'),
      DATABASE_FILENAME: path.join(APP_DIR, '.tmp', 'production-refusal.db'),
      STRAPI_TELEMETRY_DISABLED: 'true',
    },
    encoding: 'utf8',
    timeout: 90000,
  });
}

describe('production refuses to boot without its secrets', () => {
  it('names every missing secret and exits non-zero', () => {
    const result = startInProduction({});
    expect(result.status).not.toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toMatch(/Refusing to start in production/);
    for (const name of REQUIRED_SECRETS) expect(output).toContain(name);
  });

  it('names only the secrets left at a placeholder value', () => {
    const result = startInProduction({
      APP_KEYS: 'k3y-0ne-R4nd0m-Xq9pL2vN8sT4wZ1cHy7Gf5,k3y-tw0-R4nd0m-Xq9pL2vN8sT4wZ1cHy7Gf5',
      ADMIN_JWT_SECRET: 'Xq9pL2vN8sT4wZ1cXq9pL2vN8sT4wZ1c',
      API_TOKEN_SALT: 'change-me',
      TRANSFER_TOKEN_SALT: 'tobemodified',
      JWT_SECRET: 'Hy7Gf5Dd3Ss1Aa9KHy7Gf5Dd3Ss1Aa9K',
      ENCRYPTION_KEY: 'dev-only-encryption-key',
    });
    expect(result.status).not.toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    const named = output.match(/left at a default value: ([A-Z_, ]+)\./)?.[1];
    expect(named).toBe('API_TOKEN_SALT, TRANSFER_TOKEN_SALT, ENCRYPTION_KEY');
    expect(output).not.toMatch(/shorter than/);
  });

  it('names the secrets that are set but too short', () => {
    const long = 'Xq9pL2vN8sT4wZ1cXq9pL2vN8sT4wZ1c-long-enough';
    const result = startInProduction({
      APP_KEYS: `${long},k3y`,
      ADMIN_JWT_SECRET: long,
      API_TOKEN_SALT: long,
      TRANSFER_TOKEN_SALT: long,
      JWT_SECRET: 'x',
      ENCRYPTION_KEY: long,
    });
    expect(result.status).not.toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output.match(/shorter than 32 characters: ([A-Z_, ]+) \(/)?.[1]).toBe('APP_KEYS, JWT_SECRET');
    expect(output).not.toMatch(/left at a default value/);
  });
});
