import { factories } from '@strapi/strapi';
import { requestOutcome } from '../../../plugins/newsroom/server/src/context/report-outcome';

/**
 * The stock controller, except that a create the newsroom plugin merged into an existing story
 * says so: it answers 200 (not 201) with the existing document and
 * `meta.deduplicated = { documentId, changed }`, and the response carries the
 * X-Newsroom-Deduplicated header (GraphQL creates get the header too).
 */
export default factories.createCoreController('api::article.article', () => ({
  async create(ctx) {
    const response = (await super.create(ctx)) as { data: unknown; meta?: Record<string, unknown> } | undefined;
    const outcome = requestOutcome(ctx.state);
    if (response && outcome?.action === 'merged') {
      ctx.status = 200;
      response.meta = { ...(response.meta ?? {}), deduplicated: { documentId: outcome.documentId, changed: outcome.changed } };
    }
    return response;
  },
}));
