import { randomUUID } from 'crypto';
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { MAX_PAGE_BYTES } from '../page';
import type { ImportBatch } from '../persistence/imports';
import type { PageReport } from '../services/ingest';
import { getPluginService } from '../utils/plugin';
import { parseIngestRequest, type RawRequest } from './ingest-request';

/** A text/plain body's raw bytes (the body parser leaves it alone), read up to one byte past the limit. */
async function readTextBody(ctx: Context): Promise<Uint8Array | undefined> {
  if (!ctx.is('text/plain')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PAGE_BYTES) {
      ctx.req.resume();
      return new Uint8Array(MAX_PAGE_BYTES + 1);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Checks an ingest request (the content API's or the admin upload's) and reads its page. A refused
 * request is answered here (400, or 413 past a size limit) and gives null.
 */
export async function ingestRequestedPage(
  strapi: Core.Strapi,
  ctx: Context,
  raw: Omit<RawRequest, 'maxLines'>,
  importedBy: Omit<ImportBatch, 'batch'> & { actor: string }
): Promise<PageReport | null> {
  const request = parseIngestRequest({ ...raw, maxLines: getPluginService(strapi, 'contentApi').config().pageLines });
  if (!request.ok) {
    if (request.status === 413) ctx.payloadTooLarge(request.reason);
    else ctx.badRequest(request.reason);
    return null;
  }
  // A page sent without a batch name is an import of its own; a name counts per sender.
  const batch = { origin: importedBy.origin, startedBy: importedBy.startedBy, batch: `${importedBy.actor}:${request.batch ?? randomUUID()}` };
  const { report } = await getPluginService(strapi, 'ingestWorker').ingestPage(request.text, { publish: request.publish, source: request.source, batch });
  return report;
}

/** The API token that sent the page: its id, and the name an administrator gave it. */
function apiTokenOf(ctx: Context): { actor: string; startedBy: string } {
  const credentials = (ctx.state.auth as { credentials?: { id?: unknown; name?: unknown } } | undefined)?.credentials;
  const name = typeof credentials?.name === 'string' && credentials.name ? `API token "${credentials.name}"` : 'the content API';
  return { actor: `token-${String(credentials?.id ?? 'none')}`, startedBy: name };
}

const ingestController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/newsroom/ingest: one page in, the per-page report out. */
  async ingest(ctx: Context & { request: { body?: unknown } }) {
    const bytes = await readTextBody(ctx);
    const report = await ingestRequestedPage(strapi, ctx, {
      type: ctx.request.type,
      charset: ctx.request.charset || undefined,
      body: bytes ?? ctx.request.body,
      query: ctx.query,
    }, { origin: 'api', ...apiTokenOf(ctx) });
    if (!report) return;
    if (report.status === 'failed') return ctx.badRequest(report.error ?? 'the page could not be read', { report });
    ctx.status = report.status === 'created' ? 201 : 200;
    // Strapi's response shape, as the admin upload and the content API answer.
    ctx.body = { data: report, meta: {} };
  },
});

export default ingestController;
