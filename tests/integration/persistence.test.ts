import { MIGRATIONS } from '../../src/plugins/newsroom/server/src/persistence/migrations';
import { runMigrations } from '../../src/plugins/newsroom/server/src/persistence/migrate';
import {
  IMPORTS_TABLE,
  MERGE_LOG_TABLE,
  MIGRATIONS_TABLE,
  RAIL_CURATION_TABLE,
  RAIL_TABLE,
  REBUILD_DELIVERIES_TABLE,
  REBUILD_EVENTS_TABLE,
  REBUILD_TARGETS_TABLE,
} from '../../src/plugins/newsroom/server/src/persistence/tables';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

async function appliedMigrations(app: TestApp): Promise<string[]> {
  const rows = (await app.strapi.db.connection(MIGRATIONS_TABLE).select('name').orderBy('name')) as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

async function indexNames(app: TestApp, table: string): Promise<string[]> {
  const inspector = (app.strapi.db.dialect as unknown as { schemaInspector: { getIndexes(table: string): Promise<Array<{ name: string }>> } })
    .schemaInspector;
  return (await inspector.getIndexes(table)).map((index) => index.name);
}

describe("the plugin's persistence: migrations", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('makes every table on a fresh database, records each migration once, and runs none again on the next boot', async () => {
    const first = await startTestStrapi({ database });
    try {
      expect(await appliedMigrations(first)).toEqual(MIGRATIONS.map((migration) => migration.name).sort());
      for (const table of [RAIL_TABLE, RAIL_CURATION_TABLE, MERGE_LOG_TABLE, REBUILD_DELIVERIES_TABLE]) {
        expect(await first.strapi.db.connection.schema.hasTable(table)).toBe(true);
      }
      // The rail row the rail service reads and updates in place.
      const rail = (await first.strapi.db.connection(RAIL_TABLE).count({ n: '*' }).first()) as { n: number | string };
      expect(Number(rail.n)).toBe(1);
      expect(await runMigrations(first.strapi)).toEqual([]);
    } finally {
      await first.stop();
    }
    const second = await startTestStrapi({ database });
    try {
      expect(await appliedMigrations(second)).toEqual(MIGRATIONS.map((migration) => migration.name).sort());
    } finally {
      await second.stop();
    }
  });

  it('adopts a database made before migrations: the baseline keeps its rows, later migrations add what is new', async () => {
    const app = await startTestStrapi({ database });
    try {
      const knex = app.strapi.db.connection;
      // The state an earlier version left: its tables as it made them (the merge log without the
      // columns a merge's copy needs), a row in one, no curation table, no record of migrations.
      await knex.schema.dropTable(MERGE_LOG_TABLE);
      await knex.schema.createTable(MERGE_LOG_TABLE, (table) => {
        table.increments('id');
        table.timestamp('at').notNullable();
        table.string('document_id', 64).notNullable();
        table.string('title', 300).notNullable();
        table.string('source', 2048).notNullable();
        table.boolean('changed').notNullable();
      });
      await knex(MERGE_LOG_TABLE).insert({ at: new Date(), document_id: 'kept-doc', title: 'Kept', source: 'page.txt', changed: false });
      await knex.schema.dropTable(RAIL_CURATION_TABLE);
      await knex.schema.dropTable(IMPORTS_TABLE);
      // The rebuild tables as the baseline makes them, before deliveries were numbered.
      for (const table of [REBUILD_DELIVERIES_TABLE, REBUILD_EVENTS_TABLE, REBUILD_TARGETS_TABLE]) await knex.schema.dropTable(table);
      await knex.schema.dropTable(MIGRATIONS_TABLE);
      expect(await runMigrations(app.strapi)).toEqual(MIGRATIONS.map((migration) => migration.name).sort());
      expect(await knex.schema.hasTable(RAIL_CURATION_TABLE)).toBe(true);
      expect(await knex.schema.hasTable(IMPORTS_TABLE)).toBe(true);
      const kept = await knex(MERGE_LOG_TABLE).where('document_id', 'kept-doc').select('title', 'action', 'copy');
      expect(kept).toEqual([{ title: 'Kept', action: 'merge', copy: null }]);
      expect(await knex.schema.hasColumn(REBUILD_DELIVERIES_TABLE, 'sequence')).toBe(true);
    } finally {
      await app.stop();
    }
  });

  it('numbers the deliveries of a database made before sequences, owing nothing from the old rules', async () => {
    const app = await startTestStrapi({ database });
    try {
      const knex = app.strapi.db.connection;
      for (const table of [REBUILD_DELIVERIES_TABLE, REBUILD_EVENTS_TABLE, REBUILD_TARGETS_TABLE]) await knex.schema.dropTable(table);
      const [baseline, , , sequences] = MIGRATIONS;
      expect(sequences.name).toBe('2026-12-01-04-rebuild-sequence');
      await baseline.up(knex);
      const now = Date.now();
      await knex(REBUILD_TARGETS_TABLE).insert([
        { url: 'https://build.example.com/a', enabled: true, source: 'admin', created_at_ms: now, updated_at_ms: now },
        { url: 'https://build.example.com/b', enabled: false, source: 'admin', disabled_reason: 'disabled in the admin', created_at_ms: now, updated_at_ms: now },
      ]);
      const [a] = await knex(REBUILD_TARGETS_TABLE).where('url', 'https://build.example.com/a').select('id');
      const delivery = (n: number, status: string) => ({
        webhook_id: `msg_old_${n}`,
        target_id: a.id,
        target_url: 'https://build.example.com/a',
        status,
        payload: JSON.stringify({ event: 'site.changed', deliveryId: `msg_old_${n}`, changes: [], railVersion: null, count: 0 }),
        change_count: 0,
        event_count: 1,
        next_attempt_at_ms: now,
        created_at_ms: now + n,
      });
      await knex(REBUILD_DELIVERIES_TABLE).insert([delivery(1, 'delivered'), delivery(2, 'failed'), delivery(3, 'pending')]);

      await sequences.up(knex);
      const rows = await knex(REBUILD_DELIVERIES_TABLE).orderBy('id').select('webhook_id', 'sequence', 'carried_by_id', 'payload');
      expect(rows.map((row: { sequence: number | string; carried_by_id: number | string | null }) => [Number(row.sequence), row.carried_by_id === null ? null : Number(row.carried_by_id)])).toEqual([
        [1, null],
        [2, 0],
        [3, null],
      ]);
      expect(JSON.parse(rows[2].payload)).toMatchObject({ sequence: 3, resync: false });
      const targets = await knex(REBUILD_TARGETS_TABLE).orderBy('id').select('url', 'resync_owed');
      expect(targets.map((row: { url: string; resync_owed: boolean | number }) => [row.url, Boolean(row.resync_owed)])).toEqual([
        ['https://build.example.com/a', false],
        ['https://build.example.com/b', true],
      ]);
    } finally {
      await app.stop();
    }
  });

  it('undoes a migration that fails, and records nothing for it', async () => {
    const app = await startTestStrapi({ database });
    try {
      const failing = {
        name: '9999-failing',
        async up(db: typeof app.strapi.db.connection) {
          await db.schema.createTable('newsroom_half_made', (table) => table.increments('id'));
          throw new Error('the second step failed');
        },
      };
      await expect(runMigrations(app.strapi, [...MIGRATIONS, failing])).rejects.toThrow('the second step failed');
      expect(await app.strapi.db.connection.schema.hasTable('newsroom_half_made')).toBe(false);
      expect(await appliedMigrations(app)).not.toContain('9999-failing');
    } finally {
      await app.stop();
    }
  });

  it("declares the article indexes the rail and slug lookups use in the Article schema, so Strapi's schema sync keeps them", async () => {
    const app = await startTestStrapi({ database });
    try {
      const { tableName } = app.strapi.db.metadata.get('api::article.article');
      expect(await indexNames(app, tableName)).toEqual(
        expect.arrayContaining(['newsroom_articles_first_published_at_idx', 'articles_slug_idx'])
      );
    } finally {
      await app.stop();
    }
  });
});
