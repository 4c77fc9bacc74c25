/**
 * Rail assembly time against the size of the archive. Each size has a process of its own, and the
 * two take turns, one assembly a turn (see sideBySide in main.ts). A process ingests a few hundred
 * pages the normal way (so the rail has observed rails and teasers to work with; the same pages at
 * every size), then fills the archive in bulk with published articles and their teasers, written
 * straight into the tables: ingesting 50k pages one by one would take most of an hour and measure
 * ingest, not assembly.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'crypto';
import slugify from 'slugify';
import { generateCorpus, type GeneratedStory } from './generate-pages';
import { linesToBlocks, readingFieldsOf } from '../src/plugins/newsroom/server/src/blocks';
import { newsroomService, type IngestApi, type RailApi } from './plugin-services';
import type { TurnTaking } from './turns';

export interface AssemblyResult {
  /** Published articles in the archive when it was measured. */
  articles: number;
  /** Each turn's assembly time, in ms. */
  runsMs: number[];
  ingestedPages: number;
}

const ARTICLE_UID = 'api::article.article';
const TEASER_UID = 'api::teaser.teaser';
/** Pages read through ingest before the bulk fill. */
const INGESTED_PAGES = 300;
const CHUNK = 200;

type Knex = Core.Strapi['db']['connection'];

interface TeaserLink {
  table: string;
  teaserColumn: string;
  articleColumn: string;
}

interface ColumnMap {
  table: string;
  column(attribute: string): string;
}

function columnsOf(strapi: Core.Strapi, uid: string): ColumnMap {
  const meta = strapi.db.metadata.get(uid);
  const attributes = meta.attributes as Record<string, { columnName?: string }>;
  return {
    table: meta.tableName,
    column(attribute) {
      const found = attributes[attribute];
      if (!found) throw new Error(`${uid} has no attribute ${attribute}`);
      return found.columnName ?? attribute;
    },
  };
}

export class NotMeasurable extends Error {
  readonly notMeasurable = true;
}

/** An archive of `size` published articles, then one timed assembly a turn. */
export async function assemblyTurns(
  strapi: Core.Strapi,
  job: { size: number; largest: number; seed: number },
): Promise<TurnTaking<AssemblyResult>> {
  const rail = newsroomService<RailApi>(strapi, 'rail');
  const ingest = newsroomService<IngestApi>(strapi, 'ingest');
  if (!rail || !ingest || typeof rail.assembleNow !== 'function' || typeof rail.settle !== 'function') {
    throw new NotMeasurable('the rail service has no assembleNow() (services/rail.ts)');
  }
  // Generated for the largest size at every size, so that every process ingests the same pages.
  const { pages, stories } = generateCorpus({ pages: INGESTED_PAGES, seed: job.seed, minStories: job.largest });

  for (const page of pages) {
    const { report } = await ingest.ingestPage(page.text, { publish: true, source: { url: page.url, file: page.file } });
    if (report.status === 'failed') throw new Error(`page ${page.file} was not read: ${report.error}`);
  }
  await rail.settle();
  const assembleNow = rail.assembleNow.bind(rail);

  const knex = strapi.db.connection as Knex;
  const articles = columnsOf(strapi, ARTICLE_UID);
  const teasers = columnsOf(strapi, TEASER_UID);
  const storedTitles = new Set(
    ((await knex(articles.table).select(articles.column('title'))) as Array<Record<string, string>>).map((row) => row[articles.column('title')]),
  );
  // The archive: stories the ingest did not store, oldest first, published before the ingest ran.
  const archive = stories.filter((story) => !storedTitles.has(story.title));
  const published = async () => strapi.documents(ARTICLE_UID).count({ status: 'published' });
  const localeRow = (await knex(articles.table).select(articles.column('locale')).first()) as Record<string, string | null> | undefined;
  const locale = localeRow?.[articles.column('locale')] ?? null;
  const archiveEnd = Date.now() - 24 * 3600 * 1000;

  const missing = job.size - (await published());
  if (missing > 0) {
    await insertArchive(knex, { articles, teasers, teaserLink: teaserLinkOf(strapi), locale, archiveEnd }, archive.slice(0, missing));
  }
  const have = await published();
  if (have < job.size) throw new Error(`the archive has ${have} published articles, wanted ${job.size}`);
  await assembleNow(); // warm-up: caches, prepared statements, the JIT

  const runsMs: number[] = [];
  return {
    async turn() {
      const started = process.hrtime.bigint();
      await assembleNow();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      runsMs.push(seconds * 1000);
      return seconds;
    },
    async finish() {
      return { articles: have, runsMs, ingestedPages: pages.length };
    },
  };
}

/**
 * Each story as Strapi stores a published document: a draft row and a published row sharing the
 * documentId, plus its teaser (the card text, its dek) linked to the published row.
 */
async function insertArchive(
  knex: Knex,
  target: { articles: ColumnMap; teasers: ColumnMap; teaserLink: TeaserLink; locale: string | null; archiveEnd: number },
  stories: GeneratedStory[],
): Promise<void> {
  const { articles, teasers, teaserLink, locale } = target;
  await knex.transaction(async (trx) => {
    let articleId = Number(((await trx(articles.table).max({ max: 'id' }).first()) as { max: number | null } | undefined)?.max ?? 0);
    let teaserId = Number(((await trx(teasers.table).max({ max: 'id' }).first()) as { max: number | null } | undefined)?.max ?? 0);
    for (let start = 0; start < stories.length; start += CHUNK) {
      const articleRows: Record<string, unknown>[] = [];
      const teaserRows: Record<string, unknown>[] = [];
      const links: Record<string, unknown>[] = [];
      for (const [i, story] of stories.slice(start, start + CHUNK).entries()) {
        // Older than everything ingested, spaced an hour apart going back from the archive's end.
        const at = new Date(target.archiveEnd - (start + i) * 3600 * 1000);
        const documentId = randomUUID().replace(/-/g, '').slice(0, 24);
        const body = linesToBlocks(story.body);
        const reading = readingFieldsOf(body, false);
        // Everything this version stores for an article, so no boot has to fill a field in.
        const row = {
          [articles.column('documentId')]: documentId,
          [articles.column('title')]: story.title,
          [articles.column('slug')]: `${slugify(story.title, { lower: true, strict: true })}-${story.number}`,
          [articles.column('dek')]: story.sponsor ? null : story.dek,
          [articles.column('sponsor')]: story.sponsor,
          [articles.column('body')]: JSON.stringify(body),
          [articles.column('wordCount')]: reading.wordCount,
          [articles.column('readingTime')]: reading.readingTime,
          [articles.column('excerpt')]: reading.excerpt,
          [articles.column('firstPublishedAt')]: at,
          [articles.column('publishedOn')]: story.isoDate,
          [articles.column('createdAt')]: at,
          [articles.column('updatedAt')]: at,
          [articles.column('locale')]: locale,
        };
        articleId += 1;
        articleRows.push({ id: articleId, ...row, [articles.column('publishedAt')]: null });
        articleId += 1;
        articleRows.push({ id: articleId, ...row, [articles.column('publishedAt')]: at });
        if (story.sponsor === null) {
          teaserId += 1;
          teaserRows.push({
            id: teaserId,
            [teasers.column('documentId')]: randomUUID().replace(/-/g, '').slice(0, 24),
            [teasers.column('text')]: story.dek,
            [teasers.column('kind')]: 'editorial',
            [teasers.column('timesSeen')]: 1,
            [teasers.column('firstSeenAt')]: at,
            [teasers.column('lastSeenAt')]: at,
            [teasers.column('createdAt')]: at,
            [teasers.column('updatedAt')]: at,
            [teasers.column('publishedAt')]: at,
            [teasers.column('locale')]: locale,
          });
          links.push({ [teaserLink.teaserColumn]: teaserId, [teaserLink.articleColumn]: articleId });
        }
      }
      await trx(articles.table).insert(articleRows);
      if (teaserRows.length > 0) await trx(teasers.table).insert(teaserRows);
      if (links.length > 0) await trx(teaserLink.table).insert(links);
    }
  });
}

/** Where Strapi keeps the teaser → article relation, from its metadata. */
function teaserLinkOf(strapi: Core.Strapi): TeaserLink {
  const meta = strapi.db.metadata.get(TEASER_UID);
  type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  const relation = (meta.attributes as Record<string, { joinTable?: JoinTable }>).article;
  if (!relation?.joinTable) throw new Error('teaser.article has no join table in the metadata');
  return {
    table: relation.joinTable.name,
    teaserColumn: relation.joinTable.joinColumn.name,
    articleColumn: relation.joinTable.inverseJoinColumn.name,
  };
}
