import type { Core } from '@strapi/strapi';
import { setOutcome, startedByPlugin, type WriteOutcome } from './write-params';

export const DEDUPLICATED_HEADER = 'X-Newsroom-Deduplicated';

interface OutcomeState {
  newsroomWrite?: WriteOutcome;
}

/**
 * Tells whoever started the write what happened to it: the caller and the middlewares around the
 * dedupe (on the call's params) and, for a create a REST or GraphQL client made, the controller
 * (through the request state) and the client (a response header naming the document the create was
 * merged into). A create the plugin started itself (it passes hints) answers its caller only.
 */
export function announceOutcome(strapi: Core.Strapi, params: unknown, outcome: WriteOutcome): void {
  setOutcome(params, outcome);
  const request = strapi.requestContext.get();
  if (!request || startedByPlugin(params)) return;
  const state = request.state as OutcomeState;
  if (state.newsroomWrite) return;
  state.newsroomWrite = outcome;
  if (outcome.action === 'merged') request.set(DEDUPLICATED_HEADER, outcome.documentId);
}

export function requestOutcome(state: unknown): WriteOutcome | undefined {
  return (state as OutcomeState | undefined)?.newsroomWrite;
}
