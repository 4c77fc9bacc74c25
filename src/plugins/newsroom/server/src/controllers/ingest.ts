import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { MAX_PAGE_BYTES } from '../page';
import { getPluginService } from '../utils/plugin';
import { parseIngestRequest } from './ingest-request';

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

const ingestController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/newsroom/ingest: one page in, the per-page report out. */
  async ingest(ctx: Context & { request: { body?: unknown } }) {
    const bytes = await readTextBody(ctx);
    const request = parseIngestRequest({
      type: ctx.request.type,
      charset: ctx.request.charset || undefined,
      body: bytes ?? ctx.request.body,
      query: ctx.query,
      maxLines: getPluginService(strapi, 'contentApi').config().pageLines,
    });
    if (!request.ok) {
      return request.status === 413 ? ctx.payloadTooLarge(request.reason) : ctx.badRequest(request.reason);
    }
    const { report } = await getPluginService(strapi, 'ingest').ingestPage(request.text, {
      publish: request.publish,
      source: request.source,
    });
    if (report.status === 'failed') return ctx.badRequest(report.error ?? 'the page could not be read', { report });
    ctx.status = report.status === 'created' ? 201 : 200;
    // Strapi's response shape, as the admin upload and the content API answer.
    ctx.body = { data: report, meta: {} };
  },
});

export default ingestController;
