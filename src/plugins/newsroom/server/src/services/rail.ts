import { createHash } from 'crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'zlib';
import type { Core } from '@strapi/strapi';
import {
  assembleRail,
  MAX_RAIL_LIMIT,
  normaliseCardText,
  resolveRailConfig,
  viewRail,
  type ArticleCandidate,
  type AssembledRail,
  type ObservedRail,
  type RailConfig,
  type RailConfigInput,
} from '../rail';
import { ARTICLE_UID, TEASER_UID } from '../uids';
import { replaceStoredRail, storedRailRow, storedRailVersion } from '../persistence/stored-rail';
import { afterCommit, runInTransaction, runInBackground, withConnection } from '../persistence/connection';
import { getPluginService, PLUGIN_ID } from '../utils/plugin';
import type { RailView } from '../admin-views';

export type { RailView };

export const RAIL_OBSERVATION_UID = 'plugin::newsroom.rail-observation';

/** Observed rails older than this many observations have slid off the site's rail. */
const OBSERVATIONS_READ = 10;
/** Extra articles read beyond the capacity: some may share a card text and collapse into one. */
const ARTICLE_SLACK = 20;
/** Another instance may have assembled a newer rail; a read checks the stored version this often. */
const VERSION_CHECK_MS = 1000;
/** Each (limit, exclude) view of one version is rendered once; the cache is bounded. */
const MAX_CACHED_VIEWS = 500;
/** An expired pin's reassembly starts this long after it expires, so the pin is surely out of force. */
const PIN_EXPIRY_MARGIN_MS = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ObservedCardInput {
  text: string;
  kind: 'editorial' | 'sponsored' | 'blank';
  sponsor: string | null;
  /** The page was cut off inside this card. */
  cut?: boolean;
}

export interface StoredRail {
  version: number;
  assembledAt: string;
  rail: AssembledRail;
}

/**
 * A rendered view: the JSON body of GET /api/latest-rail (encoded once, so a read writes bytes and
 * measures nothing), its ETag and its Cache-Control, made once per version.
 */
export interface RenderedRailView {
  view: RailView;
  body: Buffer;
  etag: string;
  cacheControl: string;
  /** The body compressed, made on the first request that asks for each encoding. */
  encoded: Partial<Record<RailEncoding, Buffer>>;
}

export type RailEncoding = 'br' | 'gzip';

/** Bodies smaller than this are sent as they are (as the compression middleware does). */
export const RAIL_COMPRESS_THRESHOLD = 1024;

/** A rendered body in `encoding`, compressed once per view (brotli at the compression middleware's quality). */
export function encodedRailBody(rendered: RenderedRailView, encoding: RailEncoding): Buffer {
  rendered.encoded[encoding] ??=
    encoding === 'br'
      ? brotliCompressSync(rendered.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } })
      : gzipSync(rendered.body);
  return rendered.encoded[encoding] as Buffer;
}


const EMPTY_RAIL: AssembledRail = { editorial: [], sponsoredSlots: [], capacity: MAX_RAIL_LIMIT + 1 };

/** Card texts are long; the withdrawn-card key is a digest of their normalised form. */
export const withdrawnCardKey = (text: string) => createHash('sha1').update(normaliseCardText(text)).digest('hex');

const iso = (value: string | Date) => (value instanceof Date ? value : new Date(value)).toISOString();

/**
 * The Latest rail. Assembly (the pure assembleRail over the newest published articles and the
 * newest observed rails) runs after changes, coalesced, and stores one record; reads serve that
 * record from memory and never touch the article table.
 */
const railService = ({ strapi }: { strapi: Core.Strapi }) => {
  // Read once: Strapi's configuration is fixed once it has loaded, and reads ask for it per request.
  let settings: RailConfig | null = null;
  const config = (): RailConfig => (settings ??= resolveRailConfig((strapi.config.get(`plugin::${PLUGIN_ID}.rail`) ?? {}) as RailConfigInput));

  // Process-local state: the newest stored rail, its rendered views, and the assembly scheduler.
  let current: StoredRail | null = null;
  let checkedAt = 0;
  const views = new Map<string, RenderedRailView>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<StoredRail> | null = null;
  let dirty = false;
  let assemblies = 0;
  let stopped = false;

  // When the first pin in force expires; every instance that holds the rail waits for it.
  let expiryTimer: NodeJS.Timeout | null = null;
  const reassembleWhenPinExpires = (reassembleAt: string | null | undefined) => {
    if (expiryTimer) clearTimeout(expiryTimer);
    expiryTimer = null;
    if (!reassembleAt || stopped) return;
    // setTimeout holds at most ~24 days; a later expiry is looked at again after a day.
    const delay = Math.min(Math.max(Date.parse(reassembleAt) - Date.now(), 0) + PIN_EXPIRY_MARGIN_MS, DAY_MS);
    expiryTimer = setTimeout(() => {
      expiryTimer = null;
      if (Date.now() < Date.parse(reassembleAt)) reassembleWhenPinExpires(reassembleAt);
      else {
        runInBackground(() => runAssembly()).catch((error: unknown) =>
          strapi.log.error(`[newsroom] rail assembly after a pin expired failed: ${String(error)}`)
        );
      }
    }, delay);
    expiryTimer.unref();
  };

  const remember = (stored: StoredRail) => {
    if (current === null || stored.version !== current.version) {
      views.clear();
      reassembleWhenPinExpires(stored.rail.reassembleAt);
    }
    current = stored;
    checkedAt = Date.now();
  };

  const readStored = async (): Promise<StoredRail | null> => {
    const row = await withConnection(strapi, storedRailRow);
    if (!row) return null;
    return { version: row.version, assembledAt: row.assembledAt, rail: JSON.parse(row.payload) as AssembledRail };
  };

  /**
   * The newest published articles (ordered by first publication: a corrected headline republishes,
   * and must not jump to the top), plus the pinned ones however old they are.
   */
  async function gatherArticles(capacity: number, pinned: readonly string[]): Promise<ArticleCandidate[]> {
    // The teaser comes with each row through the article's own link (indexed by article id); a
    // lookup by documentId would scan the whole teaser table.
    const find = async (where: Record<string, unknown>, limit?: number) =>
      (await strapi.db.query(ARTICLE_UID).findMany({
        where: { publishedAt: { $notNull: true }, firstPublishedAt: { $notNull: true }, ...where },
        select: ['documentId', 'title', 'slug', 'dek', 'sponsor', 'firstPublishedAt'],
        populate: { teaser: { select: ['text'] } },
        orderBy: [{ firstPublishedAt: 'desc' }, { id: 'desc' }],
        limit,
      })) as Array<{
        documentId: string;
        title: string;
        slug: string | null;
        dek: string | null;
        sponsor: string | null;
        firstPublishedAt: string | Date;
        teaser: { text: string | null } | null;
      }>;
    const rows = [...(await find({}, capacity + ARTICLE_SLACK)), ...(pinned.length > 0 ? await find({ documentId: { $in: [...pinned] } }) : [])];
    return rows.map((row) => ({
      documentId: row.documentId,
      slug: row.slug,
      title: row.title,
      text: row.teaser?.text || (row.dek ?? row.title),
      dek: row.dek,
      kind: row.sponsor ? 'sponsored' : 'editorial',
      sponsor: row.sponsor,
      publishedAt: iso(row.firstPublishedAt),
    }));
  }

  /** The newest observed rails, without the cards of articles that were unpublished or deleted. */
  async function gatherObserved(): Promise<ObservedRail[]> {
    const rows = (await strapi.db.query(RAIL_OBSERVATION_UID).findMany({
      select: ['observedAt', 'cards'],
      orderBy: [{ observedAt: 'desc' }, { id: 'desc' }],
      limit: OBSERVATIONS_READ,
    })) as Array<{ observedAt: string | Date; cards: ObservedCardInput[] | null }>;
    const observed = rows.map((row) => ({ observedAt: iso(row.observedAt), cards: row.cards ?? [] }));
    const keys = observed.flatMap((rail) => rail.cards.filter((card) => card.kind === 'editorial').map((card) => withdrawnCardKey(card.text)));
    const withdrawn = await getPluginService(strapi, 'dedupeKeys').ownersByKey('withdrawn', keys);
    if (withdrawn.size === 0) return observed;
    return observed.map((rail) => ({
      observedAt: rail.observedAt,
      cards: rail.cards.filter((card) => card.kind !== 'editorial' || !withdrawn.has(withdrawnCardKey(card.text))),
    }));
  }

  /**
   * Assembles and stores the rail. A new version is written only when the rail differs from the
   * stored one, so an unchanged rail keeps its ETag and sends no rebuild.
   */
  async function assembleOnce(): Promise<StoredRail> {
    const capacity = MAX_RAIL_LIMIT + 1;
    const curation = await getPluginService(strapi, 'railCuration').forAssembly(new Date());
    const pinned = curation.pins.flatMap((pin) => ('article' in pin.target ? [pin.target.article] : []));
    const [articles, observed] = await Promise.all([gatherArticles(capacity, pinned), gatherObserved()]);
    const rail = assembleRail({ articles, observed, capacity, curation });
    const payload = JSON.stringify(rail);
    assemblies += 1;

    let changed = false;
    const stored = await runInTransaction(strapi, async (db) => {
      const assembledAt = new Date();
      const replaced = await replaceStoredRail(db, payload, assembledAt);
      const { version } = replaced.row;
      if (!replaced.changed) return { version, assembledAt: replaced.row.assembledAt, rail };
      changed = true;
      await getPluginService(strapi, 'rebuild').recordChanges([
        { type: 'rail', documentId: null, slug: null, action: 'rail', railVersion: version },
      ]);
      return { version, assembledAt: assembledAt.toISOString(), rail };
    });
    remember(stored);
    if (changed) strapi.log.debug(`[newsroom] rail version ${stored.version} assembled`);
    return stored;
  }

  /** Runs assemblies one at a time; a change during a run makes one more run afterwards. */
  function runAssembly(): Promise<StoredRail> {
    if (running) {
      dirty = true;
      return running;
    }
    running = (async () => {
      try {
        let stored = await assembleOnce();
        while (dirty && !stopped) {
          dirty = false;
          stored = await assembleOnce();
        }
        return stored;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    config,


    async recordObservation(observation: { observedAt: Date; source: string; cards: ObservedCardInput[] }): Promise<void> {
      // createMany: one insert, without reading the row back as create() does (nothing uses it).
      await strapi.db.query(RAIL_OBSERVATION_UID).createMany({
        data: [
          {
            observedAt: observation.observedAt,
            source: observation.source,
            cards: observation.cards.map(({ text, kind, sponsor, cut }) => ({ text, kind, sponsor, ...(cut ? { cut: true } : {}) })),
          },
        ],
      });
      this.scheduleAssembly();
    },

    /**
     * Asks for an assembly soon. A burst of changes (500 publishes in a loop) shares one timer, so it
     * assembles a bounded number of times: once per delay while the burst lasts, plus once after it.
     */
    scheduleAssembly(): void {
      // Inside a transaction, the assembly must wait for its commit to see what it wrote.
      afterCommit(strapi, () => this.startTimer());
    },

    startTimer(): void {
      if (stopped) return;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        // Not in the context of the write that scheduled it: that transaction has committed.
        runInBackground(() => runAssembly()).catch((error: unknown) =>
          strapi.log.error(`[newsroom] rail assembly failed: ${String(error)}`)
        );
      }, config().assembleDelayMs);
      timer.unref();
    },

    /** Assembles now (after any assembly already running) and returns what is stored. */
    async assembleNow(): Promise<StoredRail> {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      if (running) {
        dirty = true;
        await running.catch(() => undefined);
        // The run that was going on picked up the change; if it failed, assemble again here.
        if (current && !dirty) return current;
      }
      return runAssembly();
    },

    /** Waits for any scheduled or running assembly: for shutdown, tests and the admin page. */
    async settle(): Promise<void> {
      if (timer) await this.assembleNow();
      while (running) await running.catch(() => undefined);
    },

    /** How many assemblies this process has run (to show that bursts are coalesced). */
    assemblyCount(): number {
      return assemblies;
    },

    /** The stored rail, from memory; the stored version is checked at most once a second. */
    async current(): Promise<StoredRail> {
      if (current === null || Date.now() - checkedAt > VERSION_CHECK_MS) {
        const version = await withConnection(strapi, storedRailVersion);
        if (current === null || (version !== null && version !== current.version)) {
          const stored = await readStored();
          remember(stored ?? { version: 0, assembledAt: new Date(0).toISOString(), rail: EMPTY_RAIL });
        } else {
          checkedAt = Date.now();
        }
      }
      return current as StoredRail;
    },

    /** One view of the stored rail, rendered once per version, limit and exclude. */
    async render(query: { limit?: number; exclude?: string }): Promise<RenderedRailView> {
      const stored = await this.current();
      const limit = query.limit ?? config().defaultLimit;
      const cacheKey = `${limit}\u0000${query.exclude ?? ''}`;
      const cached = views.get(cacheKey);
      if (cached && cached.view.version === stored.version) return cached;
      const view: RailView = {
        version: stored.version,
        assembledAt: stored.assembledAt,
        cards: viewRail(stored.rail, { limit, exclude: query.exclude }),
      };
      const body = Buffer.from(JSON.stringify({ data: view }));
      // From the body, so two queries that give the same cards (exclude by slug or by documentId) share it.
      const digest = createHash('sha1').update(body).digest('base64url').slice(0, 12);
      const rendered = { view, body, etag: `"rail-${stored.version}-${digest}"`, cacheControl: config().cacheControl, encoded: {} };
      if (views.size >= MAX_CACHED_VIEWS) views.clear();
      views.set(cacheKey, rendered);
      return rendered;
    },

    async view(query: { limit?: number; exclude?: string } = {}): Promise<RailView> {
      return (await this.render(query)).view;
    },

    /**
     * An unpublished or deleted article's card leaves the rail, including where observed rails
     * showed it: its card texts are marked withdrawn until it is published again.
     */
    async withdrawArticleCards(documentId: string): Promise<void> {
      const texts = await cardTextsOf(strapi, documentId);
      const keys = texts.map(withdrawnCardKey);
      const dedupeKeys = getPluginService(strapi, 'dedupeKeys');
      await dedupeKeys.release('withdrawn', documentId);
      await dedupeKeys.claim('withdrawn', keys, documentId, { strict: false });
    },

    async restoreArticleCards(documentId: string): Promise<void> {
      await getPluginService(strapi, 'dedupeKeys').release('withdrawn', documentId);
    },

    /** Stops scheduling and lets a running assembly finish before the database closes. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (expiryTimer) clearTimeout(expiryTimer);
      timer = null;
      while (running) await running.catch(() => undefined);
    },
  };
};

/** The texts an article's card may carry on a page: its teaser's text and its dek. */
async function cardTextsOf(strapi: Core.Strapi, documentId: string): Promise<string[]> {
  const article = (await strapi.db.query(ARTICLE_UID).findOne({ where: { documentId }, select: ['dek'] })) as { dek: string | null } | null;
  const teasers = (await strapi.db.query(TEASER_UID).findMany({
    where: { article: { documentId } },
    select: ['text'],
  })) as Array<{ text: string | null }>;
  const texts = [article?.dek, ...teasers.map((teaser) => teaser.text)];
  return texts.filter((text): text is string => typeof text === 'string' && text.trim() !== '');
}

export default railService;
export type RailService = ReturnType<typeof railService>;
