import type { MiddlewareFactory } from './types';

const READ_ACTIONS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

interface RequestState {
  route?: { info?: { type?: string } };
  auth?: { credentials?: unknown };
}

/**
 * Stock Strapi 5 answers `?status=draft` (REST) and `status: DRAFT` (GraphQL) to anyone who may
 * read a type, the Public role included. A newsroom cannot leak embargoed drafts, so a
 * content-API read without credentials (no API token, no logged-in user) always reads the
 * published versions. Authenticated clients, such as a preview frontend with a token, still
 * choose their status.
 */
export const publicReadsPublished: MiddlewareFactory = ({ strapi }) =>
  async function publicReadsPublishedMiddleware(ctx, next) {
    if (!READ_ACTIONS.has(ctx.action) || !ctx.contentType.options?.draftAndPublish) return next();

    const request = strapi.requestContext.get();
    const state = request?.state as RequestState | undefined;
    const isPublicContentApiRead = state?.route?.info?.type === 'content-api' && !state.auth?.credentials;
    if (isPublicContentApiRead) {
      (ctx.params as { status?: string }).status = 'published';
    }
    return next();
  };
