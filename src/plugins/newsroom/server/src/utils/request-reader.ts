import type { Core } from '@strapi/strapi';

interface RequestState {
  route?: { handler?: unknown; info?: { type?: string } };
  auth?: { credentials?: unknown; strategy?: { name?: string } };
}

function requestState(strapi: Core.Strapi): RequestState | undefined {
  return strapi.requestContext.get()?.state as RequestState | undefined;
}

/** Whether a state belongs to a client that may read drafts: an API token (a preview frontend, say). */
export function mayChooseStatus(state: RequestState | undefined): boolean {
  return Boolean(state?.auth?.credentials) && state?.auth?.strategy?.name === 'content-api-token';
}

/**
 * The document service is called from content-API requests that may not see drafts: anonymous
 * readers, and the site's logged-in members (the Authenticated role), who are readers too.
 */
export function isReaderRequest(strapi: Core.Strapi): boolean {
  const state = requestState(strapi);
  return state?.route?.info?.type === 'content-api' && !mayChooseStatus(state);
}

/** Whether the current request is the REST core find or findOne route of this content type. */
export function isCoreReadRoute(strapi: Core.Strapi, uid: string): boolean {
  const state = requestState(strapi);
  if (state?.route?.info?.type !== 'content-api') return false;
  const handler = state.route.handler;
  return handler === `${uid}.find` || handler === `${uid}.findOne`;
}
