/**
 * One measured job in its own process (so its memory and its Strapi are its own): the parent
 * forks this file with the job as JSON in argv[2] and the environment from benchEnv(), and gets
 * one message back, { ok: true, result } or { ok: false, error }.
 */
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import slugify from 'slugify';
import { bootStrapi } from './boot';
import { newsroomService, type IngestApi, type RailApi } from './plugin-services';
import { generateCorpus } from './generate-pages';
import { RssSampler, settleHeap } from './rss-sampler';
import { measureAssembly, NotMeasurable, type AssemblyResult } from './assembly';
import { measureRebuildBurst, startReceiver, type RebuildBurstResult } from './rebuild-burst';
import { articleFieldsOf, readPage } from '../src/plugins/newsroom/server/src/page';

export const ARTICLE_UID = 'api::article.article';

export type Job =
  | { kind: 'ingest'; pages: number; seed: number }
  | { kind: 'stock-create'; pages: number; seed: number }
  | { kind: 'assembly'; sizes: number[]; seed: number; runs: number }
  | { kind: 'rebuild-burst'; publishes: number; withinMs: number };

export interface IngestResult {
  pages: number;
  seconds: number;
  statuses: Record<string, number>;
  reingestSeconds: number;
  reingestStatuses: Record<string, number>;
  idleRss: number;
  peakRss: number;
  /** After ingest and full collections: what the process keeps, as against garbage not yet collected. */
  settledRss: number;
  settledHeapUsed: number;
  articles: number;
  teasers: number;
}

export interface StockCreateResult {
  pages: number;
  seconds: number;
  articles: number;
}

export type JobResult = IngestResult | StockCreateResult | AssemblyResult | RebuildBurstResult;

const count = (tally: Record<string, number>, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

/** Ingest of every page (new to the database), then of every page again (all already stored). */
async function ingest(strapi: Core.Strapi, job: { pages: number; seed: number }): Promise<IngestResult> {
  const service = newsroomService<IngestApi>(strapi, 'ingest');
  const rail = newsroomService<RailApi>(strapi, 'rail');
  if (!service) throw new Error('the newsroom plugin is not loaded');
  // The input is generated before the idle reading: it is what the process is given, not growth.
  const { pages } = generateCorpus({ pages: job.pages, seed: job.seed });
  await settleHeap();
  const idleRss = process.memoryUsage.rss();

  const sampler = new RssSampler();
  sampler.start();
  const statuses: Record<string, number> = {};
  const started = process.hrtime.bigint();
  for (const page of pages) {
    const { report } = await service.ingestPage(page.text, { publish: true, source: { url: page.url, file: page.file } });
    if (report.status === 'failed') throw new Error(`page ${page.file} was not read: ${report.error}`);
    count(statuses, report.status);
  }
  // Scheduled rail assemblies are part of the cost of ingest.
  if (typeof rail?.settle === 'function') await rail.settle();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRss = sampler.stop();
  await settleHeap();
  const settledRss = process.memoryUsage.rss();
  const settledHeapUsed = process.memoryUsage().heapUsed;

  const reingestStatuses: Record<string, number> = {};
  const again = process.hrtime.bigint();
  for (const page of pages) {
    const { report } = await service.ingestPage(page.text, { publish: true, source: { url: page.url, file: page.file } });
    count(reingestStatuses, report.status);
  }
  if (typeof rail?.settle === 'function') await rail.settle();
  const reingestSeconds = Number(process.hrtime.bigint() - again) / 1e9;
  if (reingestStatuses.merged !== pages.length) {
    throw new Error(`re-ingest should find every page stored, got ${JSON.stringify(reingestStatuses)}`);
  }

  return {
    pages: pages.length,
    seconds,
    statuses,
    reingestSeconds,
    reingestStatuses,
    idleRss,
    peakRss,
    settledRss,
    settledHeapUsed,
    articles: await strapi.documents(ARTICLE_UID).count({ status: 'published' }),
    teasers: await strapi.documents('api::teaser.teaser').count({}),
  };
}

/**
 * The anchor: stock Strapi's documents.create with publish, of the same articles the pages hold,
 * without the plugin. The pages are read beforehand (not timed): stock Strapi has no page reader.
 * Every page becomes its own article, since stock Strapi has no dedupe; a slug is given as a
 * client of stock Strapi would give it.
 */
async function stockCreate(strapi: Core.Strapi, job: { pages: number; seed: number }): Promise<StockCreateResult> {
  if (strapi.plugin('newsroom')) throw new Error('the stock anchor must run without the newsroom plugin');
  const { pages } = generateCorpus({ pages: job.pages, seed: job.seed });
  const slugs = new Map<string, number>();
  const articles = pages.map((page) => {
    const read = readPage(page.text);
    const base = slugify(read.title ?? page.file, { lower: true, strict: true });
    const seen = (slugs.get(base) ?? 0) + 1;
    slugs.set(base, seen);
    return {
      ...articleFieldsOf(read, { url: page.url, file: page.file, fetchedAt: new Date() }),
      slug: seen === 1 ? base : `${base}-${seen}`,
    };
  });
  await settleHeap();

  const documents = strapi.documents(ARTICLE_UID);
  const started = process.hrtime.bigint();
  for (const data of articles) await documents.create({ data: data as never, status: 'published' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { pages: pages.length, seconds, articles: await documents.count({ status: 'published' }) };
}

function assertNever(job: never): never {
  throw new Error(`unknown job ${JSON.stringify(job)}`);
}

async function run(job: Job): Promise<JobResult> {
  // The webhook receiver must be listening before boot: Strapi reads REBUILD_WEBHOOK_URLS then.
  const receiver = job.kind === 'rebuild-burst' ? await startReceiver() : undefined;
  if (receiver) {
    process.env.REBUILD_WEBHOOK_URLS = receiver.url;
    // Production refuses webhook targets without a real signing secret. The coalescing window is the
    // one config/plugins.ts gives (REBUILD_WEBHOOK_QUIET_MS / _MAX_WAIT_MS from the environment).
    process.env.REBUILD_WEBHOOK_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
  }
  const strapi = await bootStrapi();
  try {
    switch (job.kind) {
      case 'ingest':
        return await ingest(strapi, job);
      case 'stock-create':
        return await stockCreate(strapi, job);
      case 'assembly':
        return await measureAssembly(strapi, job);
      case 'rebuild-burst':
        return await measureRebuildBurst(strapi, job, receiver);
    }
    return assertNever(job);
  } finally {
    await strapi.destroy().catch(() => undefined);
    await receiver?.close();
  }
}

if (require.main === module) {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  const reply = (message: object) =>
    new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
  run(job)
    .then((result) => reply({ ok: true, result }))
    .catch((error: unknown) =>
      reply({
        ok: false,
        notMeasurable: error instanceof NotMeasurable,
        error: error instanceof NotMeasurable ? error.message : error instanceof Error ? error.stack ?? error.message : String(error),
      }),
    )
    // Strapi may leave timers behind after destroy(); the job is over.
    .finally(() => process.exit(0));
}
