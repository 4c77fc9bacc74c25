import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getPluginService } from '../utils/plugin';
import { parseKeepRequest, parseWholeNumber } from './admin-requests';

const adminBoilerplateController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /newsroom/boilerplate?page=&pageSize=: the ledger of repeated lines, a page at a time. */
  async find(ctx: Context) {
    const page = parseWholeNumber(ctx.query.page, 'page', { min: 1, max: 100000, fallback: 1 });
    if (!page.ok) return ctx.badRequest(page.reason);
    const pageSize = parseWholeNumber(ctx.query.pageSize, 'pageSize', { min: 1, max: 100, fallback: 25 });
    if (!pageSize.ok) return ctx.badRequest(pageSize.reason);
    const { entries, total } = await getPluginService(strapi, 'boilerplate').list({ page: page.value, pageSize: pageSize.value });
    ctx.body = { data: entries, meta: { page: page.value, pageSize: pageSize.value, total } };
  },

  /** PUT /newsroom/boilerplate/:id `{ keep }`: keep = true says "this line is not boilerplate". */
  async setKeep(ctx: Context & { params: Record<string, unknown>; request: { body?: unknown } }) {
    const request = parseKeepRequest(ctx.params, ctx.request.body);
    if (!request.ok) return ctx.badRequest(request.reason);
    const entry = await getPluginService(strapi, 'boilerplate').setKeep(request.value.id, request.value.keep);
    if (!entry) return ctx.notFound(`no boilerplate line ${request.value.id}`);
    ctx.body = { data: entry };
  },
});

export default adminBoilerplateController;
