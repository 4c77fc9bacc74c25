import fs from 'fs';
import os from 'os';
import path from 'path';
import { createScratchDatabase } from '../../scripts/postgres-scratch';

/**
 * A fresh, empty database for one test file: a SQLite file in a temporary folder, or, with
 * DATABASE_CLIENT=postgres, a new database on the local server that is dropped afterwards.
 */
export interface TestDatabase {
  client: 'sqlite' | 'postgres';
  /** Environment variables that point Strapi's config/database.ts at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function usingPostgres(): boolean {
  return process.env.DATABASE_CLIENT === 'postgres';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!usingPostgres()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'));
    return {
      client: 'sqlite',
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  const database = await createScratchDatabase('newsroom_test');
  return { client: 'postgres', env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url }, drop: database.drop };
}
