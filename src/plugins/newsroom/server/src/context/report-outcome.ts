import type { Core } from '@strapi/strapi';
import { setOutcome, type WriteOutcome } from './write-params';

export const DEDUPLICATED_HEADER = 'X-Newsroom-Deduplicated';

interface OutcomeState {
  newsroomWrite?: WriteOutcome;
}

/**
 * Tells whoever made a create what happened to it: the middlewares around the call (on its
 * params) and, for a REST or GraphQL request, the controller (through the request state) and the
 * client (a response header naming the document the create was merged into).
 */
export function announceOutcome(strapi: Core.Strapi, params: object, outcome: WriteOutcome): void {
  setOutcome(params, outcome);
  const request = strapi.requestContext.get();
  if (!request) return;
  const state = request.state as OutcomeState;
  if (state.newsroomWrite) return;
  state.newsroomWrite = outcome;
  if (outcome.action === 'merged') request.set(DEDUPLICATED_HEADER, outcome.documentId);
}

export function requestOutcome(state: unknown): WriteOutcome | undefined {
  return (state as OutcomeState | undefined)?.newsroomWrite;
}
