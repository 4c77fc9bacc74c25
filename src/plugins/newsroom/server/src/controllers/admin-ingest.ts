import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getPluginService } from '../utils/plugin';
import { parseIngestRequest } from './ingest-request';

const adminIngestController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST /newsroom/ingest with JSON `{ text, source, publish? }`: one uploaded page file in, its
   * report out. A page that cannot be read is answered 200 with a "failed" report, not an HTTP
   * error: it is one line of the upload's report, and the page goes on with the next file.
   */
  async ingest(ctx: Context & { request: { body?: unknown } }) {
    const request = parseIngestRequest({
      type: ctx.request.type,
      body: ctx.request.body,
      query: {},
      maxLines: getPluginService(strapi, 'contentApi').config().pageLines,
    });
    if (!request.ok) {
      return request.status === 413 ? ctx.payloadTooLarge(request.reason) : ctx.badRequest(request.reason);
    }
    const { report } = await getPluginService(strapi, 'ingest').ingestPage(request.text, {
      publish: request.publish,
      source: request.source,
    });
    ctx.body = { data: report };
  },
});

export default adminIngestController;
