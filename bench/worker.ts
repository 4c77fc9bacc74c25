/**
 * One measured job in its own process (so its memory and its Strapi are its own): the parent
 * forks this file with the job as JSON in argv[2] and the environment from benchEnv(), and gets
 * one last message back, { ok: true, result } or { ok: false, error }. Jobs that take turns with
 * another process (ingest and its stock anchor, assembly at two sizes) answer before that
 * { ready } when prepared, then { turn, seconds } for each { turn } asked.
 */
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import slugify from 'slugify';
import { bootStrapi } from './boot';
import { newsroomService, type IngestApi } from './plugin-services';
import { generateCorpus } from './generate-pages';
import { RssSampler, settleHeap } from './rss-sampler';
import { messageQueue, sliceForTurn, type TurnTaking } from './turns';
import { assemblyTurns, NotMeasurable, type AssemblyResult } from './assembly';
import { measureRebuildBurst, startReceiver, type RebuildBurstResult } from './rebuild-burst';
import { articleFieldsOf, readPage } from '../src/plugins/newsroom/server/src/page';
import { canonicalUrlOf, readingFieldsOf } from '../src/plugins/newsroom/server/src/blocks';
import { seoDefaults } from '../src/plugins/newsroom/server/src/seo/default-seo';
import { seedEdge, type EdgeSeedResult } from './edge';

export const ARTICLE_UID = 'api::article.article';

/** Re-ingest reads every stored page this many times. */
const REINGEST_PASSES = 3;

export type Job =
  | { kind: 'ingest'; pages: number; seed: number; turns: number }
  | { kind: 'stock-create'; pages: number; seed: number; turns: number }
  | { kind: 'assembly'; size: number; largest: number; seed: number }
  | { kind: 'rebuild-burst'; publishes: number; withinMs: number }
  | { kind: 'edge-seed' };

export interface IngestResult {
  pages: number;
  seconds: number;
  statuses: Record<string, number>;
  /** Seconds of each re-ingest pass; the figure is their median. */
  reingestPasses: number[];
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

export type JobResult = IngestResult | StockCreateResult | AssemblyResult | RebuildBurstResult | EdgeSeedResult;

const count = (tally: Record<string, number>, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

const elapsedSeconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** Ingest of every page (new to the database), a slice a turn; then of every page again (all stored). */
async function ingest(strapi: Core.Strapi, job: { pages: number; seed: number; turns: number }): Promise<TurnTaking<IngestResult>> {
  const service = newsroomService<IngestApi>(strapi, 'ingest');
  if (!service) throw new Error('the newsroom plugin is not loaded');
  // The input is generated before the idle reading: it is what the process is given, not growth.
  const { pages } = generateCorpus({ pages: job.pages, seed: job.seed });
  await settleHeap();
  const idleRss = process.memoryUsage.rss();

  const sampler = new RssSampler();
  sampler.start();
  const statuses: Record<string, number> = {};
  let seconds = 0;
  const ingestAll = async (some: typeof pages, tally: Record<string, number>) => {
    for (const page of some) {
      const { report } = await service.ingestPage(page.text, { publish: true, source: { url: page.url, file: page.file } });
      if (report.status === 'failed') throw new Error(`page ${page.file} was not read: ${report.error}`);
      count(tally, report.status);
    }
    // What reading pages set going after its commits (entry events, the scheduled rail assembly)
    // is part of the cost of ingest, so it is waited for inside the timing, never left to the
    // pause between turns.
    await service.settle();
  };

  return {
    async turn(index) {
      const started = process.hrtime.bigint();
      await ingestAll(sliceForTurn(pages, index, job.turns), statuses);
      const took = elapsedSeconds(started);
      seconds += took;
      return took;
    },
    async finish() {
      const peakRss = sampler.stop();
      await settleHeap();
      const settledRss = process.memoryUsage.rss();
      const settledHeapUsed = process.memoryUsage().heapUsed;

      // Every page read again, in REINGEST_PASSES passes; the median pass is the figure. One pass
      // takes a second or two, short enough for a slow patch of the machine to halve it.
      const reingestPasses: number[] = [];
      let reingestStatuses: Record<string, number> = {};
      for (let pass = 0; pass < REINGEST_PASSES; pass += 1) {
        reingestStatuses = {};
        const again = process.hrtime.bigint();
        await ingestAll(pages, reingestStatuses);
        reingestPasses.push(elapsedSeconds(again));
        if (reingestStatuses.merged !== pages.length) {
          throw new Error(`re-ingest should find every page stored, got ${JSON.stringify(reingestStatuses)}`);
        }
      }
      return {
        pages: pages.length,
        seconds,
        statuses,
        reingestPasses,
        reingestStatuses,
        idleRss,
        peakRss,
        settledRss,
        settledHeapUsed,
        articles: await strapi.documents(ARTICLE_UID).count({ status: 'published' }),
        teasers: await strapi.documents('api::teaser.teaser').count({}),
      };
    },
  };
}

/**
 * The anchor: stock Strapi's documents.create with publish, of the same articles the pages hold,
 * without the plugin. The pages are read beforehand (not timed): stock Strapi has no page reader.
 * Every page becomes its own article, since stock Strapi has no dedupe; a slug, the reading fields
 * and the SEO values are given as a client of stock Strapi would give them, so both sides store
 * the same documents.
 */
async function stockCreate(strapi: Core.Strapi, job: { pages: number; seed: number; turns: number }): Promise<TurnTaking<StockCreateResult>> {
  if (strapi.plugin('newsroom')) throw new Error('the stock anchor must run without the newsroom plugin');
  const { pages } = generateCorpus({ pages: job.pages, seed: job.seed });
  const slugs = new Map<string, number>();
  const articles = pages.map((page) => {
    const read = readPage(page.text);
    const base = slugify(read.title ?? page.file, { lower: true, strict: true });
    const seen = (slugs.get(base) ?? 0) + 1;
    slugs.set(base, seen);
    const fields = articleFieldsOf(read, { url: page.url, file: page.file, fetchedAt: new Date() });
    const reading = readingFieldsOf(fields.body, Boolean(fields.imageFile));
    return {
      ...fields,
      ...reading,
      canonicalUrl: canonicalUrlOf(fields.sources),
      seo: seoDefaults({ ...fields, excerpt: reading.excerpt }),
      slug: seen === 1 ? base : `${base}-${seen}`,
    };
  });
  await settleHeap();

  const documents = strapi.documents(ARTICLE_UID);
  let seconds = 0;
  return {
    async turn(index) {
      const started = process.hrtime.bigint();
      for (const data of sliceForTurn(articles, index, job.turns)) await documents.create({ data: data as never, status: 'published' });
      const took = elapsedSeconds(started);
      seconds += took;
      return took;
    },
    async finish() {
      return { pages: pages.length, seconds, articles: await documents.count({ status: 'published' }) };
    },
  };
}

/** Messages from the parent, one at a time: it sends the next only after this process answered. */
type TurnMessage = { turn: number } | { finish: true };

function parentMessages(): () => Promise<TurnMessage> {
  const messages = messageQueue<TurnMessage>();
  process.on('message', (message: TurnMessage) => messages.push(message));
  return () => messages.next();
}

/** Answers { ready } once prepared, { turn, seconds } for each turn, and returns the result on finish. */
async function takeTurns<R>(session: TurnTaking<R>, reply: (message: object) => Promise<void>): Promise<R> {
  const next = parentMessages();
  await reply({ ready: true });
  for (;;) {
    const message = await next();
    if ('finish' in message) return session.finish();
    await reply({ turn: message.turn, seconds: await session.turn(message.turn) });
  }
}

function assertNever(job: never): never {
  throw new Error(`unknown job ${JSON.stringify(job)}`);
}

async function run(job: Job, reply: (message: object) => Promise<void>): Promise<JobResult> {
  // The webhook receiver must be listening before boot: Strapi reads REBUILD_WEBHOOK_URLS then.
  const receiver = job.kind === 'rebuild-burst' ? await startReceiver() : undefined;
  if (receiver) {
    process.env.REBUILD_WEBHOOK_URLS = receiver.url;
    // Production refuses webhook targets without a real signing secret. The coalescing window is the
    // one the plugin's config gives (REBUILD_WEBHOOK_QUIET_MS / _MAX_WAIT_MS from the environment).
    process.env.REBUILD_WEBHOOK_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
  }
  const strapi = await bootStrapi();
  try {
    switch (job.kind) {
      case 'ingest':
        return await takeTurns(await ingest(strapi, job), reply);
      case 'stock-create':
        return await takeTurns(await stockCreate(strapi, job), reply);
      case 'assembly':
        return await takeTurns(await assemblyTurns(strapi, job), reply);
      case 'rebuild-burst':
        return await measureRebuildBurst(strapi, job, receiver);
      case 'edge-seed':
        return await seedEdge(strapi);
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
  run(job, reply)
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
