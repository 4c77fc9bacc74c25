import type { Core, Modules, UID } from '@strapi/strapi';

export type DocumentMiddleware = Modules.Documents.Middleware.Middleware;
export type DocumentContext = Modules.Documents.Middleware.Context;
export type MiddlewareFactory = (deps: { strapi: Core.Strapi }) => DocumentMiddleware;

/** The params shape shared by create and update; the generated types are too wide to narrow on. */
export interface WriteParams {
  documentId?: string;
  data?: Record<string, unknown>;
  status?: 'draft' | 'published';
  locale?: string;
}

export const ARTICLE_UID = 'api::article.article' satisfies UID.ContentType;
export const TEASER_UID = 'api::teaser.teaser' satisfies UID.ContentType;
export const CATEGORY_UID = 'api::category.category' satisfies UID.ContentType;

export function isWrite(ctx: DocumentContext): boolean {
  return ctx.action === 'create' || ctx.action === 'update';
}
