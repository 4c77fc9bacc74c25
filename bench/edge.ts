/**
 * The public edge under the worst requests we know, next to a plain list on the same server in
 * the same run: the populate and GraphQL nestings that once exhausted the heap, over a category of
 * EDGE_ARTICLES published articles, and the largest page the line limit accepts.
 */
import fs from 'fs';
import autocannon from 'autocannon';
import type { Core } from '@strapi/strapi';
import { linesToBlocks } from '../src/plugins/newsroom/server/src/blocks';
import { DEFAULT_MAX_PAGE_LINES } from '../src/plugins/newsroom/server/src/page';
import { generateCorpus } from './generate-pages';
import { median } from './report';

export const EDGE_ARTICLES = 320;

export interface EdgeSeedResult {
  articles: number;
  /** A full-access API token for the ingest endpoint. */
  token: string;
}

/** One category holding EDGE_ARTICLES published articles of a few paragraphs each, and a token. */
export async function seedEdge(strapi: Core.Strapi): Promise<EdgeSeedResult> {
  const category = await strapi.documents('api::category.category').create({ data: { name: 'Bench Desk' } });
  for (let i = 0; i < EDGE_ARTICLES; i += 1) {
    const paragraphs = Array.from({ length: 6 }, (_, p) => `Paragraph ${p} of bench story ${i}: a sentence or two of ordinary length for a trade-news body.`);
    const created = await strapi.documents('api::article.article').create({
      data: { title: `Bench Desk Story ${i}`, dek: `What happened in bench story ${i}.`, body: linesToBlocks(paragraphs) as never, category: category.documentId } as never,
    });
    await strapi.documents('api::article.article').publish({ documentId: created.documentId });
  }
  const token = await strapi.service('admin::api-token').create({ name: 'bench edge', type: 'full-access', lifespan: null });
  return { articles: EDGE_ARTICLES, token: token.accessKey as string };
}

export interface RequestCost {
  status: number;
  medianMs: number;
  /** Highest resident set size of the server while the requests ran, above what it was before. */
  peakGrowthMb: number;
}

/** The rail's p99 idle, and while pages are sent to the ingest endpoint one after another. */
export interface RailDuringImports {
  railIdleP99: number;
  /** While one typical page after another is stored. */
  railTypicalP99: number;
  /** While one largest page after another is stored. */
  railBusyP99: number;
}

export interface EdgeResult extends RailDuringImports {
  plain: RequestCost;
  restWorst: RequestCost;
  restCapped: RequestCost;
  graphqlWorst: RequestCost;
  typicalPageMs: number;
  largestPageMs: number;
  largestPageLines: number;
}

/** The server's resident set size in bytes, read from /proc (Linux). */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

interface Probe {
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
}

async function send(base: string, probe: Probe, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method: probe.method ?? 'GET', headers: { ...(probe.body ? { 'content-type': 'application/json' } : {}), ...headers }, body: probe.body };
  return fetch(base + probe.path, init);
}

/** `times` sequential requests: their median time, and the server's peak RSS growth meanwhile. */
async function measureRequest(base: string, pid: number, probe: Probe, times: number): Promise<RequestCost> {
  const before = rssOf(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 5);
  const took: number[] = [];
  let status = 0;
  try {
    for (let i = 0; i < times; i += 1) {
      const started = performance.now();
      const res = await send(base, probe);
      await res.arrayBuffer();
      took.push(performance.now() - started);
      status = res.status;
    }
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, rssOf(pid));
  return { status, medianMs: median(took), peakGrowthMb: (peak - before) / (1024 * 1024) };
}

/** A page of exactly `lines` lines (the line limit), every body line distinct. */
export function largestPage(lines: number, nth: number): string {
  const head = [`The Longest Page The Bench Sends Number ${nth}`, '', `A dek for long page ${nth}.`, ''];
  const body = Array.from({ length: lines - head.length }, (_, i) => `Line ${i} of long page ${nth}: a sentence of body text about the trade, written once.`);
  return [...head, ...body].join('\n');
}

async function ingestTimed(base: string, token: string, text: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${base}/api/newsroom/ingest?publish=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  });
  const answer = await res.text();
  if (res.status !== 201 && res.status !== 200) throw new Error(`ingest answered ${res.status}: ${answer.slice(0, 200)}`);
  return performance.now() - started;
}

async function railP99(base: string, seconds: number): Promise<number> {
  const result = await autocannon({ url: `${base}/api/latest-rail`, connections: 4, duration: seconds });
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`the rail answered ${result.errors} errors, ${result.non2xx} non-2xx`);
  return result.latency.p99;
}

/** The rail's p99 while `store` is called again and again, one call at a time. */
async function railP99While(base: string, seconds: number, store: () => Promise<number>): Promise<number> {
  let storing = true;
  const writer = (async () => {
    while (storing) await store();
  })();
  try {
    return await railP99(base, seconds);
  } finally {
    storing = false;
    await writer;
  }
}

/** The rail's p99 idle, then while typical and while largest pages are sent to the ingest endpoint. */
export async function measureRailDuringImports(base: string, token: string, options: { seed: number; railSeconds: number }): Promise<RailDuringImports> {
  // The first page waits until the ingest worker has booted, so its boot weighs on no figure.
  await ingestTimed(base, token, generateCorpus({ pages: 1, seed: options.seed + 2 }).pages[0].text);
  const railIdleP99 = await railP99(base, options.railSeconds);
  const more = generateCorpus({ pages: 400, seed: options.seed + 1 }).pages;
  let next = 0;
  const railTypicalP99 = await railP99While(base, options.railSeconds, () => ingestTimed(base, token, more[next++ % more.length].text));
  let nth = 100;
  const railBusyP99 = await railP99While(base, options.railSeconds, () => ingestTimed(base, token, largestPage(DEFAULT_MAX_PAGE_LINES, nth++)));
  return { railIdleP99, railTypicalP99, railBusyP99 };
}

export const WORST_REST_POPULATE =
  '/api/categories?populate[articles][populate][category][populate][articles][populate][category][populate][articles][fields][0]=title';
export const WORST_GRAPHQL =
  '{ categories { articles(pagination:{limit:100}) { category { articles(pagination:{limit:100}) { category { articles(pagination:{limit:100}) { title } } } } } } }';

export async function measureEdge(base: string, pid: number, token: string, options: { requests: number; seed: number; railSeconds: number }): Promise<EdgeResult> {
  const probes = {
    plain: { path: '/api/articles' },
    restWorst: { path: WORST_REST_POPULATE },
    restCapped: { path: '/api/categories?populate=articles' },
    graphqlWorst: { path: '/graphql', method: 'POST' as const, body: JSON.stringify({ query: WORST_GRAPHQL }) },
  };
  // Warm every path once (JIT, caches) before any is measured, the ingest worker's boot included.
  for (const probe of Object.values(probes)) await (await send(base, probe)).arrayBuffer();
  await ingestTimed(base, token, generateCorpus({ pages: 1, seed: options.seed + 2 }).pages[0].text);
  const plain = await measureRequest(base, pid, probes.plain, options.requests);
  const restWorst = await measureRequest(base, pid, probes.restWorst, options.requests);
  const restCapped = await measureRequest(base, pid, probes.restCapped, options.requests);
  const graphqlWorst = await measureRequest(base, pid, probes.graphqlWorst, options.requests);

  const typical = generateCorpus({ pages: 20, seed: options.seed }).pages;
  const typicalMs: number[] = [];
  for (const page of typical) typicalMs.push(await ingestTimed(base, token, page.text));
  const largestMs: number[] = [];
  for (let nth = 0; nth < 3; nth += 1) largestMs.push(await ingestTimed(base, token, largestPage(DEFAULT_MAX_PAGE_LINES, nth)));

  const rail = await measureRailDuringImports(base, token, options);

  return {
    plain,
    restWorst,
    restCapped,
    graphqlWorst,
    typicalPageMs: median(typicalMs),
    largestPageMs: median(largestMs),
    ...rail,
    largestPageLines: DEFAULT_MAX_PAGE_LINES,
  };
}
