import type { Core } from '@strapi/strapi';
import { reportWriteOutcome, type WriteOutcome } from './write-context';

export const DEDUPLICATED_HEADER = 'X-Newsroom-Deduplicated';

interface OutcomeState {
  newsroomWrite?: WriteOutcome;
}

/**
 * Tells whoever started the write what happened to it: the importer (through its write scope) and,
 * for a REST or GraphQL request, the controller (through the request state) and the client (a
 * response header naming the document the create was merged into).
 */
export function announceOutcome(strapi: Core.Strapi, outcome: WriteOutcome): void {
  reportWriteOutcome(outcome);
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
