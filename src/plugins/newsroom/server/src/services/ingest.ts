import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import { editorialCardKey, normalisedTextHash, railCardKeys } from '../dedupe';
import { ARTICLE_UID } from '../uids';
import { articleFieldsOf, PageError, readPage, type ParsedPage } from '../page';
import { getPluginService } from '../utils/plugin';
import { undoable, untilConnectionsIdle, withConnection } from '../persistence/connection';
import { countImportedPage, type ImportBatch } from '../persistence/imports';
import { withTransientRetry } from '../utils/transient-retry';
import { KeyConflictError } from './dedupe-keys';
import type { CardSighting } from './teasers';

/** Where a page came from: a URL, a file, or both (a saved scrape whose URL is known). */
export interface PageSource {
  url?: string | null;
  file?: string | null;
}

export interface IngestOptions {
  publish?: boolean;
  dryRun?: boolean;
  source?: PageSource;
  fetchedAt?: Date;
  /** The import this page belongs to: it is counted there (not for a dry run). */
  batch?: ImportBatch;
}

/** The per-page object of the ingest report (README, "Reading scraped pages"). */
export interface PageReport {
  source: string;
  status: 'created' | 'merged' | 'failed';
  error?: string;
  warnings: string[];
  article: {
    documentId: string | null;
    title: string;
    slug: string | null;
    dek: string | null;
    sponsor: string | null;
    category: string | null;
    publishedOn: string | null;
    dateline: string | null;
    image: { file: string; caption: string | null } | null;
    body: string[];
    related: string[];
  } | null;
  leadTeaser: string | null;
  rail: Array<{ text: string; kind: 'editorial' | 'sponsored' | 'blank'; sponsor: string | null; cut?: true }>;
  chrome: Array<{ line: string; reason: string }>;
}

/** What one page added, for the run's totals. */
export interface PageTally {
  teasersCreated: number;
  teasersMerged: number;
  categoriesCreated: number;
}

export interface IngestResult {
  report: PageReport;
  tally: PageTally;
}

const EMPTY_TALLY: PageTally = { teasersCreated: 0, teasersMerged: 0, categoriesCreated: 0 };

export function describeSource(source: PageSource | undefined): string {
  return source?.file ?? source?.url ?? 'stdin';
}

function failed(source: string, error: string, warnings: string[] = []): IngestResult {
  return {
    report: { source, status: 'failed', error, warnings, article: null, leadTeaser: null, rail: [], chrome: [] },
    tally: { ...EMPTY_TALLY },
  };
}

/** Every card the page shows: its lead teaser and its Latest rail, each with its identity key. */
export function cardSightings(page: ParsedPage): CardSighting[] {
  const cards: CardSighting[] = [];
  if (page.leadTeaser) {
    cards.push({ key: editorialCardKey(page.leadTeaser), text: page.leadTeaser, kind: 'editorial', sponsor: null });
  }
  const keys = railCardKeys(page.rail);
  page.rail.forEach((card, index) => cards.push({ key: keys[index], text: card.text, kind: card.kind, sponsor: card.sponsor, cut: card.cut }));
  return cards;
}

/**
 * Reads one scraped page into the content model: its Category, its Article (a new story, or a
 * merge into the stored one), its source, its cards as Teasers, and the rail it showed. The
 * article goes through the story writer, which cleans and dedupes it as any admin, REST or GraphQL
 * write; the page's cards are recorded for the whole rail at once (see teasers.recordSightings). Never throws for a bad page: it answers a failed report naming why.
 */
const ingestService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Reads one page in one transaction: a page is stored whole or not at all, and it costs one
   * commit (each commit is a sync to disk). A transient database error (another process holds a
   * lock, or stored the same story at the same moment) rolls it back and reads it again.
   */
  async ingestPage(input: string | Uint8Array, options: IngestOptions = {}): Promise<IngestResult> {
    const readingToken = `reading-${randomUUID()}`;
    const result = await withTransientRetry(() => strapi.db.transaction(() => this.readIntoModel(input, options, readingToken)));
    // Counted after the page's commit, in a statement of its own: a page read before is read-only,
    // and on SQLite a write at the end of a read would lose every race against another writer.
    const { batch } = options;
    if (batch && !options.dryRun) {
      await withTransientRetry(() => withConnection(strapi, (db) => countImportedPage(db, batch, result.report.status, new Date())));
    }
    return result;
  },

  /** Counts a page that never reached the reader (unreadable file, or an error) as failed in its import. */
  async countFailedPage(batch: ImportBatch): Promise<void> {
    await withConnection(strapi, (db) => countImportedPage(db, batch, 'failed', new Date()));
  },

  /**
   * Waits for the work that reading pages set going after its commits (Strapi's entry events, the
   * rail assembly), so a command can shut Strapi down without cutting it off.
   */
  async settle(): Promise<void> {
    await untilConnectionsIdle(strapi);
    await getPluginService(strapi, 'rail').settle();
    await untilConnectionsIdle(strapi);
  },

  async readIntoModel(input: string | Uint8Array, options: IngestOptions, readingToken: string): Promise<IngestResult> {
    const source = describeSource(options.source);
    let page: ParsedPage;
    try {
      page = readPage(input, { maxLines: getPluginService(strapi, 'contentApi').config().pageLines });
    } catch (error) {
      if (error instanceof PageError) return failed(source, error.message);
      throw error;
    }
    if (!page.title) return failed(source, 'not a page: no article title could be found', page.warnings);

    const fetchedAt = options.fetchedAt ?? new Date();
    const report: PageReport = {
      source,
      status: 'created',
      warnings: page.warnings,
      article: {
        documentId: null,
        title: page.title,
        slug: null,
        dek: page.dek,
        sponsor: page.sponsor,
        category: page.category,
        publishedOn: page.publishedOn,
        dateline: page.dateline,
        image: page.image,
        body: page.body,
        related: page.related,
      },
      leadTeaser: page.leadTeaser,
      rail: page.rail,
      chrome: page.chrome,
    };

    const keys = getPluginService(strapi, 'dedupeKeys');
    const story = getPluginService(strapi, 'story');
    const data: Record<string, unknown> = articleFieldsOf(page, {
      url: options.source?.url ?? null,
      file: options.source?.file ?? null,
      fetchedAt,
    });
    const hints = { truncated: page.truncated, sourceUrl: options.source?.url ?? null };

    if (options.dryRun) {
      const existing = await story.findStory(story.fingerprint(data, hints).keys);
      report.status = existing.documentId ? 'merged' : 'created';
      return { report, tally: { ...EMPTY_TALLY } };
    }

    // A page already read (the very same text) is answered from what is stored: nothing is
    // written again, so re-reading a directory costs one lookup per page.
    const pageKey = normalisedTextHash(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'));
    const [readBefore] = await keys.findOwners('page', [pageKey]);
    if (readBefore) {
      // One lookup: a page read to be published is answered only by a published copy (else it is
      // read again below, which publishes it).
      const stored = await strapi.documents(ARTICLE_UID).findOne({
        documentId: readBefore,
        fields: ['slug'],
        ...(options.publish ? { status: 'published' as const } : {}),
      });
      if (stored) {
        report.status = 'merged';
        report.article!.documentId = readBefore;
        report.article!.slug = (stored as { slug?: string | null }).slug ?? null;
        return { report, tally: { ...EMPTY_TALLY } };
      }
    }

    const tally: PageTally = { ...EMPTY_TALLY };
    if (page.category) {
      const category = await getPluginService(strapi, 'categories').findOrCreate(page.category);
      data.category = category.documentId;
      if (category.created) tally.categoriesCreated += 1;
    }
    if (page.author) {
      data.authors = [(await getPluginService(strapi, 'authors').findOrCreate(page.author)).documentId];
    }
    if (page.related.length > 0) {
      const related = await getPluginService(strapi, 'related').resolveTitles(page.related);
      if (related.found.length > 0) data.relatedArticles = related.found;
      if (related.pending.length > 0) data.pendingRelated = related.pending;
    }

    const write = { data, ...(options.publish ? { status: 'published' as const } : {}) };
    const stored = await getPluginService(strapi, 'storyWriter').create(write, { ...hints, pageKey });
    const article = { documentId: stored.documentId, slug: typeof stored.document.slug === 'string' ? stored.document.slug : null };
    report.status = stored.action;
    report.article!.documentId = article.documentId;
    report.article!.slug = article.slug;

    // The cards and rail of a page are recorded once per page text, however many processes read
    // it at the same moment: each reading claims the page's "read" key with its own token, with
    // the records, and only the reading that wins the key writes them. A transient failure rolls
    // the whole page back, and the retry (same token) records it again.
    // The page key is given to the article in the same statement ("page": answers a re-read).
    const pageClaim = { scope: 'page' as const, key: pageKey, documentId: article.documentId };
    try {
      await undoable(strapi, async () => {
        await keys.claimAll([{ scope: 'read', key: pageKey, documentId: readingToken }, pageClaim], {
          scope: 'read',
          documentId: readingToken,
        });
        const sightings = await getPluginService(strapi, 'teasers').recordSightings(cardSightings(page), fetchedAt);
        tally.teasersCreated = sightings.created;
        tally.teasersMerged = sightings.merged;
        if (page.rail.length > 0) {
          await getPluginService(strapi, 'rail').recordObservation({ observedAt: fetchedAt, source, cards: page.rail });
        }
      });
    } catch (error) {
      if (!(error instanceof KeyConflictError)) throw error;
      tally.teasersCreated = 0;
      tally.teasersMerged = 0;
      await keys.claimAll([pageClaim]);
    }
    return { report, tally };
  },
});

export default ingestService;
export type IngestService = ReturnType<typeof ingestService>;
