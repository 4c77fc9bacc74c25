/**
 * Rebuild webhooks for a burst of publishes: 1,000 articles published within 10 s, then the
 * dispatcher runs until the outbox is quiet, and a real HTTP receiver on 127.0.0.1 counts what
 * arrives. Coalescing should turn the burst into one delivery (two when it straddles a window).
 */
import http from 'http';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { generateCorpus } from './generate-pages';
import { NotMeasurable } from './assembly';
import { newsroomService, type RebuildApi } from './plugin-services';
import { linesToBlocks } from '../src/plugins/newsroom/server/src/blocks';

const ARTICLE_UID = 'api::article.article';

export interface RebuildBurstResult {
  publishes: number;
  burstMs: number;
  deliveries: number;
  /** Events the deliveries carried, when the payload says (changes[] in the body). */
  changesDelivered: number | null;
  drainMs: number;
  /** The coalescing window the plugin ran with (its config's `rebuild.window`). */
  window: { quietMs: number; maxWaitMs: number };
}


export interface Receiver {
  url: string;
  deliveries: Array<{ at: number; body: string }>;
  close(): Promise<void>;
}

/** A build system's webhook endpoint: answers 204 and remembers each delivery. */
export async function startReceiver(): Promise<Receiver> {
  const deliveries: Array<{ at: number; body: string }> = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ at: Date.now(), body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/rebuild`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Margin over the window before the count is final: a pass of the dispatcher and a send. */
const SETTLE_MARGIN_MS = 3000;

export async function measureRebuildBurst(
  strapi: Core.Strapi,
  job: { publishes: number; withinMs: number },
  receiver?: Receiver,
): Promise<RebuildBurstResult> {
  const rebuild = newsroomService<RebuildApi>(strapi, 'rebuild');
  if (!rebuild || typeof rebuild.dispatchNow !== 'function' || !receiver) {
    throw new NotMeasurable('the rebuild service has no dispatchNow() (services/rebuild.ts)');
  }
  const dispatchNow = rebuild.dispatchNow.bind(rebuild);
  // The window comes from the plugin's config (REBUILD_WEBHOOK_QUIET_MS, REBUILD_WEBHOOK_MAX_WAIT_MS):
  // a batch is due quietMs after its last change and at most maxWaitMs after its first, so the
  // count is final once no delivery arrived for longer than quietMs (plus a dispatcher pass).
  const settings = typeof rebuild.config === 'function' ? rebuild.config() : null;
  if (!settings) throw new NotMeasurable('the rebuild service has no config() (services/rebuild.ts)');
  const { window } = settings;
  const quietAfterMs = window.quietMs + settings.pollIntervalMs + SETTLE_MARGIN_MS;
  const drainLimitMs = window.maxWaitMs + quietAfterMs + 30_000;

  // Drafts first (drafts send nothing), so the burst is publishes only.
  const { stories } = generateCorpus({ pages: 1, seed: 7, minStories: job.publishes });
  const documents = strapi.documents(ARTICLE_UID);
  const drafts: string[] = [];
  for (const story of stories.slice(0, job.publishes)) {
    const draft = await documents.create({
      data: { title: story.title, dek: story.dek, body: linesToBlocks(story.body) } as never,
    });
    drafts.push(draft.documentId);
  }
  await dispatchNow();
  receiver.deliveries.length = 0;

  // Paced so the burst spans the window, as an editor's bulk action or an import would.
  const gapMs = job.withinMs / job.publishes;
  const started = Date.now();
  for (const [i, documentId] of drafts.entries()) {
    const due = started + i * gapMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await documents.publish({ documentId });
  }
  const burstMs = Date.now() - started;

  const drainStarted = Date.now();
  let lastCount = -1;
  let quietSince = Date.now();
  while (Date.now() - drainStarted < drainLimitMs) {
    await dispatchNow();
    if (receiver.deliveries.length !== lastCount) {
      lastCount = receiver.deliveries.length;
      quietSince = Date.now();
    } else if (lastCount > 0 && Date.now() - quietSince > quietAfterMs) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (receiver.deliveries.length === 0) throw new Error(`no rebuild delivery arrived within ${drainLimitMs} ms of the burst`);

  let changesDelivered: number | null = 0;
  for (const delivery of receiver.deliveries) {
    try {
      const changes = (JSON.parse(delivery.body) as { changes?: unknown[] }).changes;
      if (!Array.isArray(changes)) changesDelivered = null;
      else if (changesDelivered !== null) changesDelivered += changes.length;
    } catch {
      changesDelivered = null;
    }
  }
  return {
    publishes: drafts.length,
    burstMs,
    deliveries: receiver.deliveries.length,
    changesDelivered,
    drainMs: Date.now() - drainStarted,
    window: { quietMs: window.quietMs, maxWaitMs: window.maxWaitMs },
  };
}
