/**
 * The names of the plugin's own tables: the persistence the plugin keeps beside Strapi's content
 * types. They are created and changed only by the migrations in this folder.
 */

/** Dedupe keys claimed by stories and cards: (scope, key) → owning documentId. */
export const DEDUPE_KEYS_TABLE = 'newsroom_dedupe_keys';
/** The one stored rail: a single row holding the assembled rail, its version and when it was made. */
export const RAIL_TABLE = 'newsroom_rail';
/** What editors decided about the rail: a pinned or hidden card, with who and when. */
export const RAIL_CURATION_TABLE = 'newsroom_rail_curation';
/** Which articles showed which body line: a line seen in many articles is boilerplate. */
export const LINE_SIGHTINGS_TABLE = 'newsroom_line_sightings';
/** The boilerplate ledger: one row per frequent line, with the editor's "keep" override. */
export const BOILERPLATE_TABLE = 'newsroom_boilerplate';
/** Which copy merged into which article, for editors. */
export const MERGE_LOG_TABLE = 'newsroom_merge_log';
/** Where deliveries go. Rows from REBUILD_WEBHOOK_URLS have source 'env'; the admin adds 'admin' rows. */
export const REBUILD_TARGETS_TABLE = 'newsroom_rebuild_targets';
/** The outbox: one row per published change and target, until the dispatcher batches it. */
export const REBUILD_EVENTS_TABLE = 'newsroom_rebuild_events';
/** One row per coalesced batch: the payload, its webhook-id, and its retry state. */
export const REBUILD_DELIVERIES_TABLE = 'newsroom_rebuild_deliveries';
/** One row per HTTP attempt of a delivery. */
export const REBUILD_ATTEMPTS_TABLE = 'newsroom_rebuild_attempts';
/** At most one pending delivery per target: keeps deliveries to a target in order (see dispatcher). */
export const ONE_PENDING_PER_TARGET_INDEX = 'newsroom_rebuild_deliveries_one_pending';
/** One row per import (a command run, an admin upload, an API batch): how many pages it read and how they ended. */
export const IMPORTS_TABLE = 'newsroom_imports';
/** Which of the migrations below have run on this database. */
export const MIGRATIONS_TABLE = 'newsroom_migrations';
