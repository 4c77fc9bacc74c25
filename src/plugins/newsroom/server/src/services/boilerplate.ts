import type { Core } from '@strapi/strapi';
import { normalisedTextHash } from '../dedupe';
import { BOILERPLATE_TABLE, LINE_SIGHTINGS_TABLE } from '../persistence/tables';
import { withConnection } from '../utils/db';
import { PLUGIN_ID } from '../utils/plugin';
import type { BoilerplateEntry } from '../admin-views';

export type { BoilerplateEntry };

/** Lines longer than this are prose, not chrome: they are not counted. */
export const MAX_BOILERPLATE_LINE = 200;
/** Another instance may have changed the ledger; the stripping keys are reread this often. */
const KEYS_TTL_MS = 5000;

export interface BoilerplateKeys {
  boilerplateKeys: Set<string>;
  keepKeys: Set<string>;
}

interface LedgerRow {
  id: number | string;
  line_key: string;
  line: string;
  article_count: number | string;
  keep: boolean | number;
  last_seen_at: string | Date | number;
}

/** The lines of a body worth counting: short enough to be chrome, long enough to mean something. */
export function countableLines(lines: readonly string[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.length < 3 || trimmed.length > MAX_BOILERPLATE_LINE) continue;
    const key = normalisedTextHash(trimmed);
    if (key !== '' && !byKey.has(key)) byKey.set(key, trimmed);
  }
  return byKey;
}

/**
 * The boilerplate ledger. A line that recurs verbatim (after normalisation) across `threshold`
 * different articles is boilerplate: the story writer strips it from bodies on entry,
 * unless an editor marked it "not boilerplate".
 */
const boilerplateService = ({ strapi }: { strapi: Core.Strapi }) => {
  const threshold = (): number => {
    const config = (strapi.config.get(`plugin::${PLUGIN_ID}.boilerplate`) ?? {}) as { threshold?: number };
    return Math.max(2, config.threshold ?? 5);
  };
  let cached: { keys: BoilerplateKeys; at: number } | null = null;

  const toEntry = (row: LedgerRow): BoilerplateEntry => {
    const count = Number(row.article_count);
    const keep = row.keep === true || row.keep === 1;
    return {
      id: Number(row.id),
      line: row.line,
      count,
      keep,
      boilerplate: count >= threshold() && !keep,
      lastSeenAt: new Date(row.last_seen_at).toISOString(),
    };
  };

  return {
    threshold,

    /** The keys the story writer's body cleaner strips and keeps; cached briefly, dropped on any change here. */
    async currentKeys(): Promise<BoilerplateKeys> {
      if (cached && Date.now() - cached.at < KEYS_TTL_MS) return cached.keys;
      const rows: Array<{ line_key: string; article_count: number | string; keep: boolean | number }> = await withConnection(
        strapi,
        (db) => db(BOILERPLATE_TABLE).select('line_key', 'article_count', 'keep').where('article_count', '>=', threshold()).orWhere('keep', true)
      );
      const keys: BoilerplateKeys = { boilerplateKeys: new Set(), keepKeys: new Set() };
      for (const row of rows) {
        if (row.keep === true || row.keep === 1) keys.keepKeys.add(row.line_key);
        else if (Number(row.article_count) >= threshold()) keys.boilerplateKeys.add(row.line_key);
      }
      cached = { keys, at: Date.now() };
      return keys;
    },

    /**
     * Notes that `documentId` carries these body lines, and updates the ledger for every line now
     * seen in two or more articles. Idempotent: the same article and line count once.
     */
    async recordLines(documentId: string, lines: readonly string[]): Promise<void> {
      const byKey = countableLines(lines);
      if (byKey.size === 0) return;
      const keys = [...byKey.keys()];
      // One transaction: one commit for the sightings and the ledger rows they change.
      await strapi.db.transaction(() =>
        withConnection(strapi, async (db) => {
          // Only lines new to this article change a count: a copy merged into it (or the same page
          // read again) writes nothing. The insert says which sightings are new (RETURNING), so a
          // body costs one statement when none is.
          const fresh: string[] = [];
          for (let i = 0; i < keys.length; i += 200) {
            const rows = keys.slice(i, i + 200).map((lineKey) => ({ line_key: lineKey, document_id: documentId }));
            const inserted = (await db(LINE_SIGHTINGS_TABLE)
              .insert(rows)
              .onConflict(['line_key', 'document_id'])
              .ignore()
              .returning('line_key')) as Array<{ line_key: string } | string>;
            for (const row of inserted) fresh.push(typeof row === 'string' ? row : row.line_key);
          }
          if (fresh.length === 0) return;
          const counts: Array<{ line_key: string; count: number | string }> = [];
          for (let i = 0; i < fresh.length; i += 500) {
            counts.push(
              ...((await db(LINE_SIGHTINGS_TABLE)
                .select('line_key')
                .count({ count: '*' })
                .whereIn('line_key', fresh.slice(i, i + 500))
                .groupBy('line_key')
                .having(db.raw('count(*) >= 2'))) as unknown as Array<{ line_key: string; count: number | string }>)
            );
          }
          const now = new Date();
          // In key order, so two writers updating the same ledger rows lock them in one order.
          counts.sort((a, b) => (a.line_key < b.line_key ? -1 : a.line_key > b.line_key ? 1 : 0));
          // A count never goes down here: on PostgreSQL two pages written at once each count
          // without the other's sightings, and the later commit must not undo the higher count.
          const largest = strapi.db.dialect.client === 'postgres' ? 'GREATEST' : 'MAX';
          for (const { line_key: lineKey, count } of counts) {
            await db(BOILERPLATE_TABLE)
              .insert({ line_key: lineKey, line: byKey.get(lineKey) as string, article_count: Number(count), keep: false, last_seen_at: now })
              .onConflict('line_key')
              .merge({
                article_count: db.raw(`${largest}(??, ?)`, [`${BOILERPLATE_TABLE}.article_count`, Number(count)]),
                last_seen_at: now,
              });
          }
          if (counts.some(({ count }) => Number(count) >= threshold())) cached = null;
        })
      );
    },

    /** An article that is gone no longer counts for its lines (the ledger keeps its last count). */
    async forgetArticle(documentId: string): Promise<void> {
      await withConnection(strapi, (db) => db(LINE_SIGHTINGS_TABLE).where('document_id', documentId).delete());
    },

    /** The ledger for editors, most widespread first. */
    async list({ page = 1, pageSize = 50 }: { page?: number; pageSize?: number } = {}): Promise<{ entries: BoilerplateEntry[]; total: number }> {
      const size = Math.min(Math.max(Math.trunc(pageSize), 1), 200);
      const offset = (Math.max(Math.trunc(page), 1) - 1) * size;
      const rows: LedgerRow[] = await withConnection(strapi, (db) =>
        db(BOILERPLATE_TABLE).select('*').orderBy([{ column: 'article_count', order: 'desc' }, { column: 'id', order: 'asc' }]).limit(size).offset(offset)
      );
      const [{ total }] = (await withConnection(strapi, (db) => db(BOILERPLATE_TABLE).count({ total: '*' }))) as Array<{ total: number | string }>;
      return { entries: rows.map(toEntry), total: Number(total) };
    },

    /** Marks a ledger line "not boilerplate" (keep = true) or lets it be stripped again. */
    async setKeep(id: number, keep: boolean): Promise<BoilerplateEntry | null> {
      await withConnection(strapi, (db) => db(BOILERPLATE_TABLE).where('id', id).update({ keep }));
      cached = null;
      const row: LedgerRow | undefined = await withConnection(strapi, (db) => db(BOILERPLATE_TABLE).where('id', id).first());
      return row ? toEntry(row) : null;
    },
  };
};

export default boilerplateService;
export type BoilerplateService = ReturnType<typeof boilerplateService>;
