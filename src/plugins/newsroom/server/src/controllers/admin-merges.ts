import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { SplitRefused } from '../services/story';
import { getPluginService } from '../utils/plugin';
import { editorOf, type AdminUser } from './admin-user';
import { parseSplitRequest, parseWholeNumber } from './admin-requests';

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

  /**
   * POST /newsroom/merges/:id/split `{ publish }`: the merged copy becomes an article of its own
   * (published or a draft); answers it, and which of the story's fields were put back.
   */
  async split(ctx: Context & { params: Record<string, unknown>; request: { body?: unknown } }) {
    const request = parseSplitRequest(ctx.params, ctx.request.body);
    if (!request.ok) return ctx.badRequest(request.reason);
    try {
      const editor = editorOf(ctx.state.user as AdminUser | undefined);
      ctx.body = { data: await getPluginService(strapi, 'story').splitOut(request.value.id, { publish: request.value.publish }, editor.name) };
    } catch (error) {
      if (!(error instanceof SplitRefused)) throw error;
      if (error.reason === 'not-found') return ctx.notFound(error.message);
      return ctx.conflict(error.message);
    }
  },
});

export default adminMergesController;
