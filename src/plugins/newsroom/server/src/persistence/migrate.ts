import type { Core } from '@strapi/strapi';
import type { Knex } from './connection';
import { MIGRATIONS, type Migration } from './migrations';
import { MIGRATIONS_TABLE } from './tables';

/**
 * Runs the migrations this database has not run yet, in name order, in one transaction: a failed
 * migration leaves the tables as they were. Instances booting at once on PostgreSQL take turns
 * behind an advisory lock, so each migration runs once.
 */
export async function runMigrations(strapi: Core.Strapi, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const knex = strapi.db.connection as Knex;
  const isPostgres = strapi.db.dialect.client === 'postgres';
  return knex.transaction(async (trx) => {
    if (isPostgres) await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [MIGRATIONS_TABLE]);
    if (!(await trx.schema.hasTable(MIGRATIONS_TABLE))) {
      await trx.schema.createTable(MIGRATIONS_TABLE, (table) => {
        table.string('name', 128).primary();
        table.bigInteger('applied_at_ms').notNullable();
      });
    }
    const done = new Set(((await trx(MIGRATIONS_TABLE).select('name')) as Array<{ name: string }>).map((row) => row.name));
    const applied: string[] = [];
    for (const migration of [...migrations].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (done.has(migration.name)) continue;
      await migration.up(trx as unknown as Knex);
      await trx(MIGRATIONS_TABLE).insert({ name: migration.name, applied_at_ms: Date.now() });
      applied.push(migration.name);
    }
    if (applied.length > 0) strapi.log.info(`[newsroom] migrations applied: ${applied.join(', ')}`);
    return applied;
  });
}
