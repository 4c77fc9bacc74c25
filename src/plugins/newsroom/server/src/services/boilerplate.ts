import type { Core } from '@strapi/strapi';
import { normalisedTextHash } from '../dedupe';
import {
  deleteSightingsOf,
  insertLineSightings,
  ledgerKeyRows,
  ledgerPage,
  raiseLedgerCount,
  setLedgerKeep,
  sharedLineCounts,
  type LedgerRow,
} from '../persistence/boilerplate';
import { runInTransaction, withConnection } from '../persistence/connection';
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
      const rows = await withConnection(strapi, (db) => ledgerKeyRows(db, threshold()));
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
      await runInTransaction(strapi, async (db) => {
        // Only lines new to this article change a count: a copy merged into it (or the same page
        // read again) writes nothing, in one statement.
        const fresh = await insertLineSightings(db, documentId, keys);
        if (fresh.length === 0) return;
        const counts = await sharedLineCounts(db, fresh);
        const at = new Date();
        // In key order, so two writers updating the same ledger rows lock them in one order.
        counts.sort((x, y) => (x.lineKey < y.lineKey ? -1 : x.lineKey > y.lineKey ? 1 : 0));
        for (const { lineKey, count } of counts) {
          await raiseLedgerCount(db, { lineKey, line: byKey.get(lineKey) as string, count, at }, strapi.db.dialect.client);
        }
        if (counts.some(({ count }) => count >= threshold())) cached = null;
      });
    },

    /** An article that is gone no longer counts for its lines (the ledger keeps its last count). */
    async forgetArticle(documentId: string): Promise<void> {
      await withConnection(strapi, (db) => deleteSightingsOf(db, documentId));
    },

    /** The ledger for editors, most widespread first. */
    async list({ page = 1, pageSize = 50 }: { page?: number; pageSize?: number } = {}): Promise<{ entries: BoilerplateEntry[]; total: number }> {
      const size = Math.min(Math.max(Math.trunc(pageSize), 1), 200);
      const offset = (Math.max(Math.trunc(page), 1) - 1) * size;
      const { rows, total } = await withConnection(strapi, (db) => ledgerPage(db, size, offset));
      return { entries: rows.map(toEntry), total };
    },

    /** Marks a ledger line "not boilerplate" (keep = true) or lets it be stripped again. */
    async setKeep(id: number, keep: boolean): Promise<BoilerplateEntry | null> {
      cached = null;
      const row = await withConnection(strapi, (db) => setLedgerKeep(db, id, keep));
      return row ? toEntry(row) : null;
    },
  };
};

export default boilerplateService;
export type BoilerplateService = ReturnType<typeof boilerplateService>;
