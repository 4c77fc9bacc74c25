import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getPluginService } from '../utils/plugin';

const DOCUMENT_ID = /^[A-Za-z0-9]{1,64}$/;

/** A refusal the preview frame shows as it is: a sentence, not JSON. */
function refuse(ctx: Context, status: number, reason: string): void {
  ctx.status = status;
  ctx.type = 'text/plain; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = reason;
}

const previewController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /newsroom/preview/articles/:documentId?status=&expires=&signature=: the article as a reader
   * would see it, for the Content Manager's Preview frame. The signed link is the credential (the
   * frame cannot send the admin's token); it names one version and expires.
   */
  async article(ctx: Context & { params: Record<string, string> }) {
    const { documentId } = ctx.params;
    if (!DOCUMENT_ID.test(documentId)) return refuse(ctx, 400, 'documentId must be one document id (letters and digits, at most 64)');
    const preview = getPluginService(strapi, 'preview');
    const link = preview.checkLink(documentId, ctx.query);
    if (!link.ok) return refuse(ctx, link.httpStatus, link.reason);
    const page = await preview.page(documentId, link.status);
    if (!page) return refuse(ctx, 404, `This article has no ${link.status} version (it was deleted, or ${link.status === 'published' ? 'unpublished' : 'never saved'}).`);
    ctx.set('Content-Security-Policy', page.contentSecurityPolicy);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Robots-Tag', 'noindex');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page.html;
  },
});

export default previewController;
