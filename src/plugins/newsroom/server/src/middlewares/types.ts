import type { Core, Modules } from '@strapi/strapi';

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

export function isWrite(ctx: DocumentContext): boolean {
  return ctx.action === 'create' || ctx.action === 'update';
}
