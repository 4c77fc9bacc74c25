import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getPluginService } from '../utils/plugin';
import { parseWholeNumber } from './admin-requests';

const DOCUMENT_ID = /^[A-Za-z0-9]{1,64}$/;

const adminMergesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /newsroom/merges?limit=&documentId=: the newest merges, which source went into which
   * article; with documentId, only the copies merged into that article.
   */
  async find(ctx: Context) {
    const limit = parseWholeNumber(ctx.query.limit, 'limit', { min: 1, max: 200, fallback: 50 });
    if (!limit.ok) return ctx.badRequest(limit.reason);
    const { documentId } = ctx.query;
    if (documentId !== undefined && (typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId))) {
      return ctx.badRequest('documentId must be one document id (letters and digits, at most 64)');
    }
    ctx.body = { data: await getPluginService(strapi, 'mergeLog').list({ limit: limit.value, documentId }) };
  },
});

export default adminMergesController;
