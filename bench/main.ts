/**
 * `npm run bench [-- --quick | --smoke] [-- --seed N] [-- --out FILE]`: the newsroom's figures, each as a
 * ratio against an anchor measured in the same run on the same machine (see the Performance section of README.md).
 * Prints a markdown table on stdout (progress goes to stderr) and writes bench/results.json.
 * Exits 0 whether goals are met or not (goals are reported, not asserted); 1 when a figure could
 * not be measured or the generated pages do not read as intended; 2 on bad usage.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import zlib from 'zlib';
import path from 'path';
import { fork } from 'child_process';
import autocannon from 'autocannon';
import { APP_DIR, benchEnv, ingestNodeFlags } from './boot';
import { checkPage, generateCorpus } from './generate-pages';
import { describeMachine, figure, formatMachine, formatTable, unmeasured, type Figure, type Goal, type Results } from './report';
import type { IngestResult, Job, JobResult, StockCreateResult } from './worker';
import type { AssemblyResult } from './assembly';
import type { RebuildBurstResult } from './rebuild-burst';
import { EDGE_ARTICLES, measureEdge, measureRailDuringImports, type EdgeSeedResult, type RailDuringImports } from './edge';
import type { ServerReady } from './server';
import { createScratchDatabase } from '../scripts/postgres-scratch';
import { startServerProcess, type ServerProcess } from '../scripts/server-process';
import { readPage } from '../src/plugins/newsroom/server/src/page';
import { combineRounds, median, type LoadResult, type Round } from './report';
import { messageQueue, turnLength } from './turns';

interface Settings {
  mode: Mode;
  seed: number;
  out: string;
  ingestPages: number;
  /** Ingest and its stock anchor take turns on this many slices of the pages. */
  ingestTurns: number;
  /** Each target is loaded in `rounds` turns of `roundSeconds`, taking turns with the others. */
  http: { connections: number; rounds: number; roundSeconds: number; warmupSeconds: number };
  assembly: { sizes: [number, number]; runs: number };
  rebuild: { publishes: number; withinMs: number };
}

type Mode = 'smoke' | 'quick' | 'full';

/** How big each mode's runs are: smoke only proves every figure can be measured (CI runs it). */
const SIZES: Record<Mode, Omit<Settings, 'mode' | 'seed' | 'out'>> = {
  smoke: {
    ingestPages: 200,
    ingestTurns: 2,
    http: { connections: 4, rounds: 1, roundSeconds: 1, warmupSeconds: 0.5 },
    assembly: { sizes: [1_000, 5_000], runs: 3 },
    rebuild: { publishes: 100, withinMs: 2_000 },
  },
  quick: {
    ingestPages: 1_000,
    ingestTurns: 8,
    http: { connections: 10, rounds: 2, roundSeconds: 3, warmupSeconds: 1 },
    assembly: { sizes: [1_000, 50_000], runs: 15 },
    rebuild: { publishes: 1_000, withinMs: 10_000 },
  },
  full: {
    ingestPages: 10_000,
    ingestTurns: 10,
    http: { connections: 10, rounds: 4, roundSeconds: 5, warmupSeconds: 3 },
    assembly: { sizes: [1_000, 50_000], runs: 31 },
    rebuild: { publishes: 1_000, withinMs: 10_000 },
  },
};

export function settingsFrom(argv: string[]): Settings | string {
  let mode: Mode = 'full';
  let seed = 20240314;
  let out = path.join(APP_DIR, 'bench', 'results.json');
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick' || arg === '--smoke') mode = arg === '--quick' ? 'quick' : 'smoke';
    else if (arg === '--seed' && /^\d+$/.test(argv[i + 1] ?? '')) seed = Number(argv[++i]);
    else if (arg === '--out' && argv[i + 1]) out = path.resolve(argv[++i]);
    else return `unknown argument ${arg}; usage: npm run bench -- [--quick | --smoke] [--seed N] [--out FILE]`;
  }
  return { mode, seed, out, ...SIZES[mode] };
}

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const WORKER = path.join(__dirname, 'worker.js');
const SERVER = path.join(__dirname, 'server.js');

class NotMeasurableError extends Error {}

/** What a worker says: { ready } and { turn, seconds } while taking turns, then its outcome. */
type WorkerMessage =
  | { ready: true }
  | { turn: number; seconds: number }
  | { ok: true; result: JobResult }
  | { ok: false; error: string; notMeasurable?: boolean };

interface WorkerProcess {
  send(message: object): void;
  /** The worker's next message; rejects when it exits before sending one. */
  next(): Promise<WorkerMessage>;
  kill(): void;
}

/**
 * Starts one job in a fresh process. Ingest and its stock anchor run with the node flags of
 * `npm run ingest` (its heap cap), so both are measured as the command runs.
 */
function forkJob(job: Job, env: Record<string, string>): WorkerProcess {
  const asIngestCommand = job.kind === 'ingest' || job.kind === 'stock-create';
  const child = fork(WORKER, [JSON.stringify(job)], {
    env: { ...process.env, ...env },
    execArgv: ['--expose-gc', ...(asIngestCommand ? ingestNodeFlags() : [])],
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const messages = messageQueue<WorkerMessage>();
  child.on('message', (message: WorkerMessage) => messages.push(message));
  child.on('exit', (code) => messages.close(new Error(`${job.kind} exited with code ${code} before answering`)));
  return {
    send: (message) => child.send(message),
    next: () => messages.next(),
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The worker's outcome, or what it said instead: a failure becomes an error naming the job. */
async function outcome<T extends JobResult>(worker: WorkerProcess, kind: string): Promise<T> {
  const message = await worker.next();
  if ('ok' in message && message.ok) return message.result as T;
  throw failureOf(message, kind);
}

/** Runs one job in a fresh process and returns its result. */
async function runJob<T extends JobResult>(job: Job, env: Record<string, string>): Promise<T> {
  const worker = forkJob(job, env);
  try {
    return await outcome<T>(worker, job.kind);
  } finally {
    worker.kill();
  }
}

interface Side {
  label: string;
  job: Job;
  env: Record<string, string>;
}

/**
 * Runs each side's job in a process of its own: all boot and prepare, then take turns (who goes
 * first rotates), so a machine that slows down or speeds up during the run weighs on every side
 * alike; then each finishes, in order. `describeTurn` may log what a turn measured.
 */
async function sideBySide<R extends JobResult>(
  sides: Side[],
  turns: number,
  describeTurn?: (turn: number, seconds: number[]) => string,
): Promise<R[]> {
  const workers = sides.map((side) => forkJob(side.job, side.env));
  try {
    for (const [index, worker] of workers.entries()) {
      const ready = await worker.next();
      if (!('ready' in ready)) throw failureOf(ready, sides[index].label);
    }
    for (let turn = 0; turn < turns; turn += 1) {
      const taken: number[] = [];
      for (let k = 0; k < sides.length; k += 1) {
        const index = (turn + k) % sides.length;
        workers[index].send({ turn });
        const answer = await workers[index].next();
        if (!('turn' in answer) || answer.turn !== turn) throw failureOf(answer, sides[index].label);
        taken[index] = answer.seconds;
      }
      if (describeTurn) log(`  turn ${turn + 1} of ${turns}: ${describeTurn(turn, taken)}`);
    }
    const results: R[] = [];
    for (const [index, worker] of workers.entries()) {
      worker.send({ finish: true });
      results.push(await outcome<R>(worker, sides[index].label));
    }
    return results;
  } finally {
    for (const worker of workers) worker.kill();
  }
}

/** Ingest and its stock anchor on the same slices of the pages, side by side. */
async function ingestSideBySide(
  settings: Settings,
  envs: { stock: Record<string, string>; ingest: Record<string, string> },
): Promise<{ stock: StockCreateResult; ingest: IngestResult }> {
  const { ingestPages: pages, seed, ingestTurns: turns } = settings;
  const [stock, ingest] = await sideBySide<StockCreateResult | IngestResult>(
    [
      { label: 'stock-create', job: { kind: 'stock-create', pages, seed, turns }, env: envs.stock },
      { label: 'ingest', job: { kind: 'ingest', pages, seed, turns }, env: envs.ingest },
    ],
    turns,
    (turn, [stockSeconds, ingestSeconds]) => {
      const slice = turnLength(pages, turn, turns);
      return `stock ${(slice / stockSeconds).toFixed(1)}, ingest ${(slice / ingestSeconds).toFixed(1)} pages/s`;
    },
  );
  return { stock: stock as StockCreateResult, ingest: ingest as IngestResult };
}

/** The error a worker's message stands for where another was due (its failure, when it reported one). */
function failureOf(message: WorkerMessage, kind: string): Error {
  if ('ok' in message && !message.ok) return message.notMeasurable ? new NotMeasurableError(message.error) : new Error(`${kind} failed: ${message.error}`);
  return new Error(`${kind} answered ${JSON.stringify(message)} out of turn`);
}

type RunningServer = ServerProcess<ServerReady>;

function startServer(env: Record<string, string>): Promise<RunningServer> {
  return startServerProcess<ServerReady>(SERVER, { ...process.env, ...env });
}

interface Target {
  label: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
}

function loadOptions(base: string, target: Target, settings: Settings['http']) {
  const headers: Record<string, string> = target.body ? { 'content-type': 'application/json' } : {};
  return { url: base + target.path, method: target.method ?? 'GET', headers, body: target.body, connections: settings.connections };
}

/** The bytes a GET answers on the wire, asking for `encoding` (or none), and how many articles it lists. */
function wireBytes(url: string, encoding: 'gzip' | null): Promise<{ bytes: number; encoding: string | null; articles: number | null }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: encoding ? { 'Accept-Encoding': encoding } : {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const contentEncoding = response.headers['content-encoding'] ?? null;
        const text = (contentEncoding === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8');
        const data = (JSON.parse(text) as { data?: unknown[] }).data;
        resolve({ bytes: body.length, encoding: contentEncoding, articles: Array.isArray(data) ? data.length : null });
      });
    });
    request.on('error', reject);
  });
}

/**
 * Checks each target's answer first (a 404 or a GraphQL error would be measured as fast) and warms
 * every target of the server up before any is measured, so the first one measured does not pay
 * for the server's cold start (JIT, caches) alone. Then the targets take turns, round after round:
 * a machine that slows down or speeds up during the run (a neighbour on a shared host) then
 * weighs on every target alike, where one long load each would put the whole change on one side
 * of a ratio.
 */
async function loadAll(base: string, targets: Target[], settings: Settings['http']): Promise<LoadResult[]> {
  for (const target of targets) {
    const { url, method, headers, body } = loadOptions(base, target, settings);
    const probe = await fetch(url, { method, headers, body });
    const text = await probe.text();
    if (probe.status >= 300) throw new NotMeasurableError(`${target.label} answered ${probe.status}: ${text.slice(0, 200)}`);
    if (target.body && /"errors"\s*:/.test(text)) throw new NotMeasurableError(`${target.label} answered errors: ${text.slice(0, 300)}`);
  }
  for (const target of targets) await autocannon({ ...loadOptions(base, target, settings), duration: settings.warmupSeconds });
  const rounds: Round[][] = targets.map(() => []);
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const [index, target] of targets.entries()) rounds[index].push(await loadRound(base, target, settings));
  }
  return targets.map((target, index) => {
    const result = combineRounds(rounds[index]);
    const perRound = rounds[index].map((r) => Math.round(r.requests / r.seconds)).join(', ');
    log(`  ${target.label}: ${Math.round(result.requestsPerSecond)} req/s (rounds: ${perRound}), p99 ${result.p99} ms`);
    return result;
  });
}

async function loadRound(base: string, target: Target, settings: Settings['http']): Promise<Round> {
  const result = await autocannon({ ...loadOptions(base, target, settings), duration: settings.roundSeconds });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(`${target.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers under load`);
  }
  return { requests: result.requests.total, seconds: result.duration, p99: result.latency.p99 };
}

const RAIL_GRAPHQL = JSON.stringify({
  query: '{ latestRail { version cards { position text kind sponsor article { documentId slug title } } } }',
});
const ARTICLES_GRAPHQL = JSON.stringify({
  query: '{ articles(pagination: { pageSize: 10 }) { documentId title slug dek publishedAt } }',
});

/**
 * Lookups of one article of the archive (the one in the middle of the first-publication order),
 * by slug and by documentId, over REST and GraphQL: REST slug, REST id, GraphQL slug, GraphQL id.
 */
async function lookupTargets(base: string): Promise<Target[]> {
  const count = (await (await fetch(`${base}/api/articles?pagination[pageSize]=1&fields[0]=slug`)).json()) as { meta: { pagination: { total: number } } };
  const middle = Math.max(1, Math.floor(count.meta.pagination.total / 2));
  const page = (await (await fetch(`${base}/api/articles?sort=firstPublishedAt:desc&pagination[pageSize]=1&pagination[page]=${middle}&fields[0]=slug`)).json()) as {
    data: Array<{ documentId: string; slug: string }>;
  };
  const [{ documentId, slug }] = page.data;
  const graphql = (query: string) => JSON.stringify({ query });
  return [
    { label: 'REST article by slug', path: `/api/articles?filters[slug][$eq]=${encodeURIComponent(slug)}` },
    { label: 'REST article by documentId', path: `/api/articles/${documentId}` },
    { label: 'GraphQL article by slug', path: '/graphql', method: 'POST', body: graphql(`{ articles(filters: { slug: { eq: ${JSON.stringify(slug)} } }) { documentId title slug } }`) },
    { label: 'GraphQL article by documentId', path: '/graphql', method: 'POST', body: graphql(`{ article(documentId: ${JSON.stringify(documentId)}) { documentId title slug } }`) },
  ];
}

const MB = 1024 * 1024;

type Attempt = <T>(what: string, fields: Array<{ name: string; unit: string; anchor: string; goal: Goal }>, measure: () => Promise<T>) => Promise<T | null>;

const underMb = (limit: number): Goal => ({ words: `growth < ${limit} MB`, check: (value: number) => value < limit });

/** The worst anonymous requests we know and the largest accepted page, on one server, next to GET /api/articles. */
async function edgeFigures(settings: Settings, work: string, attempt: Attempt): Promise<Figure[]> {
  const over = `over a category of ${EDGE_ARTICLES} articles`;
  const names = {
    restTime: { name: `worst REST populate (5 levels) ${over}`, unit: 'ms', anchor: 'GET /api/articles', goal: { atMost: 5 } },
    restMemory: { name: 'worst REST populate, server memory growth', unit: 'MB', anchor: 'GET /api/articles growth', goal: underMb(100) },
    graphqlTime: { name: `worst GraphQL nesting (3 lists of 100) ${over}`, unit: 'ms', anchor: 'GET /api/articles', goal: { atMost: 5 } },
    graphqlMemory: { name: 'worst GraphQL nesting, server memory growth', unit: 'MB', anchor: 'GET /api/articles growth', goal: underMb(100) },
    capped: { name: `GET /api/categories?populate=articles ${over}`, unit: 'ms', anchor: 'GET /api/articles', goal: null },
    page: { name: 'ingest of the largest accepted page', unit: 'ms', anchor: 'a typical generated page', goal: { atMost: 50 } },
    rail: { name: 'GET /api/latest-rail p99 while largest pages are stored', unit: 'ms', anchor: 'idle p99', goal: { atMost: 3 } },
    railTypical: { name: 'GET /api/latest-rail p99 while typical pages are stored', unit: 'ms', anchor: 'idle p99', goal: { atMost: 3 } },
  };
  log(`public edge: ${EDGE_ARTICLES} articles in one category, the worst requests and the largest page`);
  const database = path.join(work, 'edge.db');
  // Pages sent to the endpoint are stored by the ingest worker process, as in production.
  const env = benchEnv({ databaseFile: database, plugin: true, env: { INGEST_WORKER: 'true' } });
  const measured = await attempt('public edge', Object.values(names), async () => {
    const seeded = await runJob<EdgeSeedResult>({ kind: 'edge-seed' }, env);
    const server = await startServer(env);
    try {
      return await measureEdge(server.url, server.pid, seeded.token, {
        requests: { smoke: 3, quick: 10, full: 30 }[settings.mode],
        seed: settings.seed,
        railSeconds: settings.http.roundSeconds,
      });
    } finally {
      await server.stop();
    }
  });
  const onPostgres = await railDuringImportsOnPostgres(settings, attempt);
  if (!measured) return onPostgres;
  const { plain, restWorst, restCapped, graphqlWorst } = measured;
  log(`  ${JSON.stringify(measured)}`);
  const answered = (cost: { status: number }) => `answered ${cost.status}`;
  return [
    figure({ ...names.restTime, value: restWorst.medianMs, anchorValue: plain.medianMs, note: `${answered(restWorst)} (REST_POPULATE_DEPTH_LIMIT); median of sequential requests` }),
    figure({ ...names.restMemory, value: restWorst.peakGrowthMb, anchorValue: plain.peakGrowthMb }),
    figure({ ...names.graphqlTime, value: graphqlWorst.medianMs, anchorValue: plain.medianMs, note: `${answered(graphqlWorst)} (GRAPHQL_COST_LIMIT)` }),
    figure({ ...names.graphqlMemory, value: graphqlWorst.peakGrowthMb, anchorValue: plain.peakGrowthMb }),
    figure({ ...names.capped, value: restCapped.medianMs, anchorValue: plain.medianMs, note: `${answered(restCapped)} with 100 of the ${EDGE_ARTICLES} articles (api.rest.maxLimit); memory growth ${restCapped.peakGrowthMb.toFixed(1)} MB` }),
    figure({ ...names.page, value: measured.largestPageMs, anchorValue: measured.typicalPageMs, note: `${measured.largestPageLines} lines (PAGE_LINE_LIMIT), sent to POST /api/newsroom/ingest like the typical pages` }),
    ...railDuringImportsFigures(names, measured),
    ...onPostgres,
  ];
}

type FigureName = { name: string; unit: string; anchor: string; goal: Goal };

/** The rail's p99 while largest and while typical pages are stored, each against its idle p99. */
function railDuringImportsFigures(names: { rail: FigureName; railTypical: FigureName }, measured: RailDuringImports): Figure[] {
  return [
    figure({ ...names.rail, value: measured.railBusyP99, anchorValue: measured.railIdleP99, note: 'autocannon, 4 connections, while one largest page after another is stored' }),
    figure({ ...names.railTypical, value: measured.railTypicalP99, anchorValue: measured.railIdleP99, note: 'the same, with typical generated pages' }),
  ];
}

/**
 * The rail's p99 during imports again on PostgreSQL (a scratch database on the local server), the
 * other database a newsroom runs on; skipped, and said so, when no server answers.
 */
async function railDuringImportsOnPostgres(settings: Settings, attempt: Attempt): Promise<Figure[]> {
  const names = {
    rail: { name: 'GET /api/latest-rail p99 while largest pages are stored, PostgreSQL', unit: 'ms', anchor: 'idle p99', goal: { atMost: 3 } },
    railTypical: { name: 'GET /api/latest-rail p99 while typical pages are stored, PostgreSQL', unit: 'ms', anchor: 'idle p99', goal: { atMost: 3 } },
  };
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  try {
    database = await createScratchDatabase('newsroom_bench');
  } catch (error) {
    log(`rail during imports on PostgreSQL: skipped, no server at POSTGRES_ADMIN_URL (${String(error)})`);
    return [];
  }
  log('rail during imports on PostgreSQL');
  const env = { ...benchEnv({ databaseFile: '', plugin: true, env: { INGEST_WORKER: 'true' } }), DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url };
  try {
    const measured = await attempt('rail during imports on PostgreSQL', Object.values(names), async () => {
      const seeded = await runJob<EdgeSeedResult>({ kind: 'edge-seed' }, env);
      const server = await startServer(env);
      try {
        return await measureRailDuringImports(server.url, seeded.token, { seed: settings.seed, railSeconds: settings.http.roundSeconds });
      } finally {
        await server.stop();
      }
    });
    if (!measured) return [];
    log(`  ${JSON.stringify(measured)}`);
    return railDuringImportsFigures(names, measured);
  } finally {
    await database.drop();
  }
}

export async function main(argv: string[]): Promise<number> {
  const settings = settingsFrom(argv);
  if (typeof settings === 'string') {
    process.stderr.write(`bench: ${settings}\n`);
    return 2;
  }
  const began = Date.now();
  const machine = describeMachine();
  log(`${settings.mode} run on ${formatMachine(machine)}`);

  // The pages, and proof that each one reads as it was meant to.
  const corpus = generateCorpus({ pages: settings.ingestPages, seed: settings.seed });
  const shapes: Record<string, number> = {};
  const misread: string[] = [];
  for (const page of corpus.pages) {
    shapes[page.shape] = (shapes[page.shape] ?? 0) + 1;
    const problems = checkPage(page, readPage(page.text));
    if (problems.length > 0) misread.push(`${page.file}: ${problems.join('; ')}`);
  }
  const stories = new Set(corpus.pages.map((page) => page.story)).size;
  log(`${corpus.pages.length} pages of ${stories} stories (${JSON.stringify(shapes)}), seed ${settings.seed}`);
  if (misread.length > 0) {
    process.stderr.write(`bench: ${misread.length} generated pages do not read as intended:\n${misread.slice(0, 10).join('\n')}\n`);
    return 1;
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
  const pluginDb = path.join(work, 'newsroom.db');
  const stockDb = path.join(work, 'stock.db');
  const figures: Figure[] = [];
  const attempt = async <T>(what: string, fields: Array<{ name: string; unit: string; anchor: string; goal: Goal }>, measure: () => Promise<T>) => {
    try {
      return await measure();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(`${what}: ${error instanceof NotMeasurableError ? reason : (error as Error).stack ?? reason}`);
      for (const field of fields) figures.push(unmeasured(field, reason.split('\n')[0]));
      return null;
    }
  };

  try {
    // 1, 2 and 6: ingest with the plugin, and the stock anchor, each in its own process.
    const ingestNames = {
      ingest: { name: `ingest, ${settings.ingestPages.toLocaleString('en-US')} new pages`, unit: 'pages/s', anchor: 'stock documents.create + publish', goal: { atLeast: 0.8 } },
      reingest: { name: `re-ingest, ${settings.ingestPages.toLocaleString('en-US')} stored pages`, unit: 'pages/s', anchor: 'stock documents.create + publish', goal: { atLeast: 10 } },
      rss: {
        name: `ingest peak RSS, ${settings.ingestPages.toLocaleString('en-US')} pages`,
        unit: 'MB',
        anchor: 'idle RSS after boot',
        goal: { words: 'growth < 150 MB', check: (value: number, idle: number | null) => idle !== null && value - idle < 150 },
      },
    };
    log(`ingest of ${settings.ingestPages} pages with the plugin, side by side with its stock anchor (documents.create + publish, plugin off), in ${settings.ingestTurns} turns`);
    const ingestRun = await attempt('ingest and its stock anchor', Object.values(ingestNames), () =>
      ingestSideBySide(settings, {
        stock: benchEnv({ databaseFile: stockDb, plugin: false }),
        ingest: benchEnv({ databaseFile: pluginDb, plugin: true }),
      }),
    );
    const stock = ingestRun?.stock ?? null;
    const ingest = ingestRun?.ingest ?? null;
    if (stock && ingest) {
      const stockRate = stock.pages / stock.seconds;
      log(`  stock ${stockRate.toFixed(1)} pages/s; ingest ${(ingest.pages / ingest.seconds).toFixed(1)} pages/s ${JSON.stringify(ingest.statuses)}; re-ingest ${(ingest.pages / median(ingest.reingestPasses)).toFixed(1)} pages/s (median of passes: ${ingest.reingestPasses.map((took) => (ingest.pages / took).toFixed(0)).join(', ')})`);
      figures.push(figure({ ...ingestNames.ingest, value: ingest.pages / ingest.seconds, anchorValue: stockRate, note: `${ingest.statuses.created ?? 0} created, ${ingest.statuses.merged ?? 0} merged into ${ingest.articles} articles, ${ingest.teasers} teasers` }));
      figures.push(figure({ ...ingestNames.reingest, value: ingest.pages / median(ingest.reingestPasses), anchorValue: stockRate }));
    }
    if (ingest) {
      figures.push(figure({ ...ingestNames.rss, value: ingest.peakRss / MB, anchorValue: ingest.idleRss / MB, note: `growth ${((ingest.peakRss - ingest.idleRss) / MB).toFixed(1)} MB with node ${ingestNodeFlags().join(' ') || '(no flags)'} as npm run ingest; after full collections ${(ingest.settledRss / MB).toFixed(0)} MB RSS, ${(ingest.settledHeapUsed / MB).toFixed(0)} MB heap used` }));
    }

    // 3 and 4: the rail over HTTP and GraphQL, against /_health and stock Strapi's article list.
    const railNames = {
      health: { name: 'GET /api/latest-rail', unit: 'req/s', anchor: 'GET /_health', goal: { atLeast: 0.7 } },
      list: { name: 'GET /api/latest-rail', unit: 'req/s', anchor: 'stock GET /api/articles?pagination[pageSize]=10', goal: { atLeast: 8 } },
      healthP99: { name: 'GET /api/latest-rail p99', unit: 'ms', anchor: 'GET /_health p99', goal: null },
      listP99: { name: 'GET /api/latest-rail p99', unit: 'ms', anchor: 'stock GET /api/articles p99', goal: null },
      graphql: { name: 'GraphQL latestRail', unit: 'req/s', anchor: 'stock GraphQL articles, page size 10', goal: { atLeast: 3 } },
      graphqlP99: { name: 'GraphQL latestRail p99', unit: 'ms', anchor: 'stock GraphQL articles p99', goal: { atMost: 1 } },
      compressed: { name: 'GET /api/articles?pagination[pageSize]=100, gzip', unit: 'bytes', anchor: 'uncompressed', goal: null },
    };
    const newsroomLoad = ingest
      ? await attempt('HTTP, newsroom server', Object.values(railNames), async () => {
          log('HTTP: newsroom server (plugin on)');
          const server = await startServer(benchEnv({ databaseFile: pluginDb, plugin: true }));
          try {
            const [health, rail, graphql] = await loadAll(
              server.url,
              [
                { label: 'GET /_health', path: '/_health' },
                { label: 'GET /api/latest-rail', path: '/api/latest-rail' },
                { label: 'GraphQL latestRail', path: '/graphql', method: 'POST', body: RAIL_GRAPHQL },
              ],
              settings.http,
            );
            const listPath = '/api/articles?pagination[pageSize]=100';
            const [plain, gzip] = [await wireBytes(server.url + listPath, null), await wireBytes(server.url + listPath, 'gzip')];
            return { health, rail, graphql, compression: { plain, gzip } };
          } finally {
            await server.stop();
          }
        })
      : null;
    const stockLoad =
      stock && newsroomLoad
        ? await attempt('HTTP, stock server', Object.values(railNames), async () => {
            log('HTTP: stock server (plugin off)');
            const server = await startServer(benchEnv({ databaseFile: stockDb, plugin: false }));
            try {
              const [list, graphql] = await loadAll(
                server.url,
                [
                  { label: 'stock GET /api/articles', path: '/api/articles?pagination[pageSize]=10' },
                  { label: 'stock GraphQL articles', path: '/graphql', method: 'POST', body: ARTICLES_GRAPHQL },
                ],
                settings.http,
              );
              return { list, graphql };
            } finally {
              await server.stop();
            }
          })
        : null;
    if (newsroomLoad && stockLoad) {
      const { health, rail, graphql } = newsroomLoad;
      figures.push(figure({ ...railNames.health, value: rail.requestsPerSecond, anchorValue: health.requestsPerSecond }));
      figures.push(figure({ ...railNames.list, value: rail.requestsPerSecond, anchorValue: stockLoad.list.requestsPerSecond }));
      figures.push(figure({ ...railNames.healthP99, value: rail.p99, anchorValue: health.p99 }));
      figures.push(figure({ ...railNames.listP99, value: rail.p99, anchorValue: stockLoad.list.p99 }));
      figures.push(figure({ ...railNames.graphql, value: graphql.requestsPerSecond, anchorValue: stockLoad.graphql.requestsPerSecond }));
      figures.push(figure({ ...railNames.graphqlP99, value: graphql.p99, anchorValue: stockLoad.graphql.p99 }));
      const { plain, gzip } = newsroomLoad.compression;
      figures.push(
        figure({
          ...railNames.compressed,
          value: gzip.bytes,
          anchorValue: plain.bytes,
          note: `${plain.articles} articles; ${plain.bytes - gzip.bytes} bytes saved (Content-Encoding: ${gzip.encoding ?? 'none'})`,
        }),
      );
    } else if (!ingest || !stock) {
      for (const field of Object.values(railNames)) figures.push(unmeasured(field, 'no database to serve (ingest was not measured)'));
    }

    // 5: rail assembly at 1k and 50k articles.
    const [small, large] = settings.assembly.sizes;
    const assemblyName = {
      name: `rail assembly at ${large.toLocaleString('en-US')} articles`,
      unit: 'ms',
      anchor: `at ${small.toLocaleString('en-US')} articles`,
      goal: { atMost: 1.5 },
    };
    log(`rail assembly at ${small} and ${large} published articles`);
    const assembly = await attempt('assembly', [assemblyName], async () => {
      const [atSmall, atLarge] = await sideBySide<AssemblyResult>(
        [small, large].map((size) => ({
          label: `assembly at ${size}`,
          job: { kind: 'assembly' as const, size, largest: large, seed: settings.seed },
          env: benchEnv({ databaseFile: path.join(work, `assembly-${size}.db`), plugin: true }),
        })),
        settings.assembly.runs,
      );
      return {
        medianMs: { [small]: median(atSmall.runsMs), [large]: median(atLarge.runsMs) },
        articles: { [small]: atSmall.articles, [large]: atLarge.articles },
      };
    });
    if (assembly) {
      log(`  ${JSON.stringify(assembly.medianMs)}`);
      figures.push(figure({ ...assemblyName, value: assembly.medianMs[large], anchorValue: assembly.medianMs[small], note: `median of ${settings.assembly.runs} runs each, the two sizes in processes of their own taking turns` }));
    }

    // 6: an article by slug, on the two archives the assembly built, over REST and GraphQL.
    const within: Goal = { words: 'within 1.5× (rate ≥ 0.67)', check: (value, anchorValue) => anchorValue !== null && value * 1.5 >= anchorValue };
    const slugNames = {
      restSize: { name: `REST article by slug at ${large.toLocaleString('en-US')} articles`, unit: 'req/s', anchor: `at ${small.toLocaleString('en-US')} articles`, goal: within },
      graphqlSize: { name: `GraphQL article by slug at ${large.toLocaleString('en-US')} articles`, unit: 'req/s', anchor: `at ${small.toLocaleString('en-US')} articles`, goal: within },
      restId: { name: `REST article by slug at ${large.toLocaleString('en-US')} articles`, unit: 'req/s', anchor: 'by documentId, same archive', goal: within },
      graphqlId: { name: `GraphQL article by slug at ${large.toLocaleString('en-US')} articles`, unit: 'req/s', anchor: 'by documentId, same archive', goal: within },
    };
    const lookups = assembly
      ? await attempt('article by slug', Object.values(slugNames), async () => {
          const bySize: Record<number, LoadResult[]> = {};
          for (const size of [small, large]) {
            log(`article by slug and by documentId at ${size} articles`);
            const server = await startServer(benchEnv({ databaseFile: path.join(work, `assembly-${size}.db`), plugin: true }));
            try {
              bySize[size] = await loadAll(server.url, await lookupTargets(server.url), settings.http);
            } finally {
              await server.stop();
            }
          }
          return bySize;
        })
      : null;
    if (lookups) {
      const [restSlugSmall, , graphqlSlugSmall] = lookups[small];
      const [restSlug, restId, graphqlSlug, graphqlId] = lookups[large];
      figures.push(figure({ ...slugNames.restSize, value: restSlug.requestsPerSecond, anchorValue: restSlugSmall.requestsPerSecond }));
      figures.push(figure({ ...slugNames.graphqlSize, value: graphqlSlug.requestsPerSecond, anchorValue: graphqlSlugSmall.requestsPerSecond }));
      figures.push(figure({ ...slugNames.restId, value: restSlug.requestsPerSecond, anchorValue: restId.requestsPerSecond }));
      figures.push(figure({ ...slugNames.graphqlId, value: graphqlSlug.requestsPerSecond, anchorValue: graphqlId.requestsPerSecond }));
    }

    // 7: rebuild deliveries for a burst of publishes.
    const rebuildName = {
      name: `rebuild deliveries, ${settings.rebuild.publishes.toLocaleString('en-US')} publishes in ${settings.rebuild.withinMs / 1000} s`,
      unit: 'deliveries',
      anchorUnit: 'publishes',
      anchor: 'publishes',
      goal: { words: '≤ 2 deliveries', check: (value: number) => value <= 2 },
    };
    log(`rebuild: ${settings.rebuild.publishes} publishes within ${settings.rebuild.withinMs} ms`);
    const burst = await attempt('rebuild burst', [rebuildName], () =>
      runJob<RebuildBurstResult>(
        { kind: 'rebuild-burst', publishes: settings.rebuild.publishes, withinMs: settings.rebuild.withinMs },
        benchEnv({ databaseFile: path.join(work, 'rebuild.db'), plugin: true }),
      ),
    );
    if (burst) {
      log(`  ${JSON.stringify(burst)}`);
      figures.push(figure({ ...rebuildName, value: burst.deliveries, anchorValue: burst.publishes, note: `burst took ${(burst.burstMs / 1000).toFixed(1)} s; window: sent ${burst.window.quietMs / 1000} s after the last change, at most ${burst.window.maxWaitMs / 1000} s after the first` }));
    }

    // 8: the public edge: the worst anonymous requests and the largest page, next to a plain list.
    figures.push(...(await edgeFigures(settings, work, attempt)));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  const results: Results = {
    machine,
    mode: settings.mode,
    finishedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - began) / 1000),
    corpus: { seed: settings.seed, pages: corpus.pages.length, stories, shapes },
    figures,
  };
  fs.mkdirSync(path.dirname(settings.out), { recursive: true });
  fs.writeFileSync(settings.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${formatTable(figures)}\n\n${settings.mode} run, ${results.seconds} s, on ${formatMachine(machine)}\n`);
  const unmeasuredCount = figures.filter((f) => f.value === null).length;
  if (unmeasuredCount > 0) log(`${unmeasuredCount} figure(s) could not be measured`);
  return unmeasuredCount > 0 ? 1 : 0;
}
