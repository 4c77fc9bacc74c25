import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getPluginService } from '../utils/plugin';
import { parseIngestRequest } from './ingest-request';

const ingestController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/newsroom/ingest: one page in, the per-page report out. */
  async ingest(ctx: Context & { request: { body?: unknown } }) {
    const request = parseIngestRequest({ type: ctx.request.type, body: ctx.request.body, query: ctx.query });
    if (!request.ok) {
      return request.status === 413 ? ctx.payloadTooLarge(request.reason) : ctx.badRequest(request.reason);
    }
    const { report } = await getPluginService(strapi, 'ingest').ingestPage(request.text, {
      publish: request.publish,
      source: request.source,
    });
    if (report.status === 'failed') return ctx.badRequest(report.error ?? 'the page could not be read', { report });
    ctx.status = report.status === 'created' ? 201 : 200;
    ctx.body = report;
  },
});

export default ingestController;
