import { MAX_RAIL_LIMIT } from '../rail/types';
import type { Knex } from './connection';
import {
  BOILERPLATE_TABLE,
  DEDUPE_KEYS_TABLE,
  IMPORTS_TABLE,
  LINE_SIGHTINGS_TABLE,
  MERGE_LOG_TABLE,
  ONE_PENDING_PER_TARGET_INDEX,
  RAIL_CURATION_TABLE,
  RAIL_TABLE,
  REBUILD_ATTEMPTS_TABLE,
  REBUILD_DELIVERIES_TABLE,
  REBUILD_EVENTS_TABLE,
  REBUILD_TARGETS_TABLE,
} from './tables';

/** One change to the plugin's tables. Names sort in the order they run and never change once shipped. */
export interface Migration {
  name: string;
  up(db: Knex): Promise<void>;
}

type TableBuilder = Parameters<Knex['schema']['createTable']>[1];

/** The baseline creates only what is missing: databases made before migrations already hold these tables. */
async function createTableIfMissing(db: Knex, name: string, build: TableBuilder): Promise<void> {
  if (await db.schema.hasTable(name)) return;
  await db.schema.createTable(name, build);
}

/** Every table the plugin had before its tables were migrated; adopts such a database as it is. */
async function baseline(db: Knex): Promise<void> {
  await createTableIfMissing(db, DEDUPE_KEYS_TABLE, (table) => {
    table.string('scope', 16).notNullable();
    table.string('key', 160).notNullable();
    table.string('document_id', 64).notNullable();
    table.timestamp('created_at').notNullable().defaultTo(db.fn.now());
    table.primary(['scope', 'key']);
    table.index(['document_id'], `${DEDUPE_KEYS_TABLE}_document_idx`);
  });

  await createTableIfMissing(db, RAIL_TABLE, (table) => {
    table.integer('id').primary();
    table.bigInteger('version').notNullable();
    table.timestamp('assembled_at').notNullable();
    table.text('payload', 'longtext').notNullable();
  });
  await db(RAIL_TABLE)
    .insert({ id: 1, version: 0, assembled_at: new Date(0), payload: JSON.stringify({ editorial: [], sponsoredSlots: [], capacity: MAX_RAIL_LIMIT + 1 }) })
    .onConflict('id')
    .ignore();

  await createTableIfMissing(db, LINE_SIGHTINGS_TABLE, (table) => {
    table.string('line_key', 64).notNullable();
    table.string('document_id', 64).notNullable();
    table.primary(['line_key', 'document_id']);
    table.index(['document_id'], `${LINE_SIGHTINGS_TABLE}_document_idx`);
  });
  await createTableIfMissing(db, BOILERPLATE_TABLE, (table) => {
    table.increments('id');
    table.string('line_key', 64).notNullable().unique();
    table.text('line').notNullable();
    table.integer('article_count').notNullable();
    table.boolean('keep').notNullable().defaultTo(false);
    table.timestamp('last_seen_at').notNullable();
  });

  await createTableIfMissing(db, MERGE_LOG_TABLE, (table) => {
    table.increments('id');
    table.timestamp('at').notNullable();
    table.string('document_id', 64).notNullable();
    table.string('title', 300).notNullable();
    table.string('source', 2048).notNullable();
    table.boolean('changed').notNullable();
  });
  // IF NOT EXISTS: early logs were made without it.
  await db.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (??, ??)`, [`${MERGE_LOG_TABLE}_document_idx`, MERGE_LOG_TABLE, 'document_id', 'id']);

  await createTableIfMissing(db, REBUILD_TARGETS_TABLE, (table) => {
    table.increments('id');
    table.string('url', 2048).notNullable().unique();
    table.boolean('enabled').notNullable().defaultTo(true);
    table.string('source', 8).notNullable();
    table.text('disabled_reason').nullable();
    table.bigInteger('created_at_ms').notNullable();
    table.bigInteger('updated_at_ms').notNullable();
  });
  await createTableIfMissing(db, REBUILD_EVENTS_TABLE, (table) => {
    table.bigIncrements('id');
    table.integer('target_id').notNullable();
    table.string('type', 32).notNullable();
    table.string('document_id', 64).nullable();
    table.string('slug', 255).nullable();
    table.string('action', 16).notNullable();
    table.bigInteger('rail_version').nullable();
    table.bigInteger('created_at_ms').notNullable();
    table.index(['target_id', 'id'], `${REBUILD_EVENTS_TABLE}_target_idx`);
  });
  await createTableIfMissing(db, REBUILD_DELIVERIES_TABLE, (table) => {
    table.increments('id');
    table.string('webhook_id', 64).notNullable().unique();
    table.integer('target_id').notNullable();
    table.string('target_url', 2048).notNullable();
    table.string('status', 16).notNullable();
    table.text('payload', 'longtext').notNullable();
    table.integer('change_count').notNullable();
    table.integer('event_count').notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.bigInteger('next_attempt_at_ms').notNullable();
    table.bigInteger('last_delay_ms').nullable();
    table.integer('last_status').nullable();
    table.text('last_error').nullable();
    table.string('lease_owner', 128).nullable();
    table.bigInteger('leased_until_ms').nullable();
    table.bigInteger('created_at_ms').notNullable();
    table.bigInteger('delivered_at_ms').nullable();
    table.bigInteger('finished_at_ms').nullable();
    table.index(['status', 'next_attempt_at_ms'], `${REBUILD_DELIVERIES_TABLE}_due_idx`);
  });
  await createTableIfMissing(db, REBUILD_ATTEMPTS_TABLE, (table) => {
    table.bigIncrements('id');
    table.integer('delivery_id').notNullable();
    table.integer('attempt').notNullable();
    table.bigInteger('attempted_at_ms').notNullable();
    table.integer('status').nullable();
    table.integer('latency_ms').notNullable();
    table.string('outcome', 16).notNullable();
    table.text('error').nullable();
    table.index(['delivery_id'], `${REBUILD_ATTEMPTS_TABLE}_delivery_idx`);
  });
  // A partial unique index (SQLite and PostgreSQL both have them): one pending delivery per target.
  await db.raw(
    `CREATE UNIQUE INDEX IF NOT EXISTS ${ONE_PENDING_PER_TARGET_INDEX} ON ${REBUILD_DELIVERIES_TABLE} (target_id) WHERE status = 'pending'`
  );
}

/** Pins and hides on the Latest rail: one decision per card, replaced by the next one. */
async function railCuration(db: Knex): Promise<void> {
  await db.schema.createTable(RAIL_CURATION_TABLE, (table) => {
    table.increments('id');
    table.string('target_type', 16).notNullable();
    table.string('target_document_id', 64).notNullable();
    table.string('action', 8).notNullable();
    table.integer('position').nullable();
    table.bigInteger('until_ms').nullable();
    table.integer('decided_by_id').nullable();
    table.string('decided_by', 255).notNullable();
    table.bigInteger('decided_at_ms').notNullable();
    table.unique(['target_type', 'target_document_id'], { indexName: `${RAIL_CURATION_TABLE}_target_unique` });
  });
}

/**
 * What a merge needs to be undone: the copy as it arrived, the keys it was known by and claimed,
 * the page it was read from, and the story's values it replaced; and split rows beside merges.
 */
async function mergeLogCopies(db: Knex): Promise<void> {
  await db.schema.alterTable(MERGE_LOG_TABLE, (table) => {
    table.string('action', 8).notNullable().defaultTo('merge');
    table.text('copy', 'longtext').nullable();
    table.text('copy_keys').nullable();
    table.text('claimed_keys').nullable();
    table.string('page_key', 64).nullable();
    table.text('restore', 'longtext').nullable();
    table.string('split_document_id', 64).nullable();
    table.integer('merge_id').nullable();
    table.string('decided_by', 255).nullable();
  });
}

/**
 * What a build system needs to trust a target's stream: consecutive sequence numbers, deliveries
 * that carried an undelivered one's changes, a flag for a lost change log, and articles' categories.
 */
async function rebuildSequence(db: Knex): Promise<void> {
  await db.schema.alterTable(REBUILD_DELIVERIES_TABLE, (table) => {
    table.integer('sequence').nullable();
    table.boolean('resync').notNullable().defaultTo(false);
    table.integer('carried_by_id').nullable();
  });
  // Deliveries made before this migration are numbered in the order they were formed. Those that
  // ended undelivered owe nothing (carried_by_id 0): later deliveries under the old rules may have
  // said newer things about the same pages. A pending one says its number in its body too.
  const rows: Array<{ id: number | string; target_id: number | string; status: string; payload: string }> = await db(REBUILD_DELIVERIES_TABLE)
    .select('id', 'target_id', 'status', 'payload')
    .orderBy('id');
  const next = new Map<number, number>();
  for (const row of rows) {
    const sequence = (next.get(Number(row.target_id)) ?? 0) + 1;
    next.set(Number(row.target_id), sequence);
    const settled = row.status === 'failed' || row.status === 'cancelled' ? { carried_by_id: 0 } : {};
    const payload = row.status === 'pending' ? { payload: JSON.stringify({ ...JSON.parse(row.payload), sequence, resync: false }) } : {};
    await db(REBUILD_DELIVERIES_TABLE).where('id', row.id).update({ sequence, ...settled, ...payload });
  }
  await db.schema.alterTable(REBUILD_DELIVERIES_TABLE, (table) => {
    table.unique(['target_id', 'sequence'], { indexName: `${REBUILD_DELIVERIES_TABLE}_sequence_unique` });
  });
  await db.schema.alterTable(REBUILD_EVENTS_TABLE, (table) => {
    table.string('category_slug', 255).nullable();
    table.string('previous_category_slug', 255).nullable();
  });
  await db.schema.alterTable(REBUILD_TARGETS_TABLE, (table) => {
    table.boolean('resync_owed').notNullable().defaultTo(false);
  });
  // A target disabled under the old rules had its changes dropped: it is owed a full rebuild.
  await db(REBUILD_TARGETS_TABLE).where('enabled', false).update({ resync_owed: true });
  // Events were dropped when a target was disabled; now they are kept, and old ones pruned by time.
  await db.schema.alterTable(REBUILD_EVENTS_TABLE, (table) => {
    table.index(['created_at_ms'], `${REBUILD_EVENTS_TABLE}_created_idx`);
  });
}

/** The editors' home page lists the last imports: one row per batch of pages, counted as they are read. */
async function imports(db: Knex): Promise<void> {
  await db.schema.createTable(IMPORTS_TABLE, (table) => {
    table.increments('id');
    table.string('origin', 16).notNullable();
    table.string('batch', 160).notNullable();
    table.string('started_by', 255).notNullable();
    table.bigInteger('started_at_ms').notNullable();
    table.bigInteger('last_page_at_ms').notNullable();
    table.integer('pages').notNullable();
    table.integer('created').notNullable();
    table.integer('merged').notNullable();
    table.integer('failed').notNullable();
    table.unique(['origin', 'batch'], { indexName: `${IMPORTS_TABLE}_batch_unique` });
    table.index(['last_page_at_ms'], `${IMPORTS_TABLE}_last_page_idx`);
  });
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '2026-12-01-01-baseline', up: baseline },
  { name: '2026-12-01-02-rail-curation', up: railCuration },
  { name: '2026-12-01-03-merge-log-copies', up: mergeLogCopies },
  { name: '2026-12-01-04-rebuild-sequence', up: rebuildSequence },
  { name: '2026-12-02-01-imports', up: imports },
];
