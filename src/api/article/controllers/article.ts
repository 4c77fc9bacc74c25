import { factories } from '@strapi/strapi';

/**
 * The stock controller, except that a create the newsroom plugin merged into an existing story
 * says so: it answers 200 (not 201) with the existing document and
 * `meta.deduplicated = { documentId, changed }`, and the response carries the
 * X-Newsroom-Deduplicated header (GraphQL creates get the header too).
 */
export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  async create(ctx) {
    const response = (await super.create(ctx)) as { data: unknown; meta?: Record<string, unknown> } | undefined;
    const newsroom = strapi.plugin('newsroom')?.service('contentApi') as { writeOutcome(state: unknown): { action: string; documentId: string; changed: boolean } | undefined } | undefined;
    const outcome = newsroom?.writeOutcome(ctx.state);
    if (response && outcome?.action === 'merged') {
      ctx.status = 200;
      response.meta = { ...(response.meta ?? {}), deduplicated: { documentId: outcome.documentId, changed: outcome.changed } };
    }
    return response;
  },
}));
