import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { editorOf, type AdminUser } from './admin-user';
import { ingestRequestedPage } from './ingest';

const adminIngestController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST /newsroom/ingest with JSON `{ text, source, publish?, batch? }`: one uploaded page file in, its
   * report out. A page that cannot be read is answered 200 with a "failed" report, not an HTTP
   * error: it is one line of the upload's report, and the page goes on with the next file.
   */
  async ingest(ctx: Context & { request: { body?: unknown } }) {
    const editor = editorOf(ctx.state.user as AdminUser | undefined);
    const report = await ingestRequestedPage(
      strapi,
      ctx,
      { type: ctx.request.type, body: ctx.request.body, query: {} },
      { origin: 'admin', actor: `user-${editor.id ?? 'none'}`, startedBy: editor.name }
    );
    if (report) ctx.body = { data: report };
  },
});

export default adminIngestController;
