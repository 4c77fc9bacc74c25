import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { MAX_RAIL_LIMIT, type RailQuery } from '../rail';
import { CurationTargetNotFound } from '../services/rail-curation';
import { getPluginService } from '../utils/plugin';
import { parseCurationRequest } from './admin-requests';
import { editorOf, type AdminUser } from './admin-user';
import { readRailQuery } from './latest-rail';

const adminRailController = ({ strapi }: { strapi: Core.Strapi }) => {
  const railWithCuration = async (query: RailQuery) => {
    const view = await getPluginService(strapi, 'rail').view(query);
    const curation = getPluginService(strapi, 'railCuration');
    return { data: view, meta: { curation: await curation.list(), teasers: await curation.teasersOfCards(view.cards) } };
  };

  return {
    /**
     * GET /newsroom/rail: the Latest rail exactly as GET /api/latest-rail gives it to readers, with
     * what editors can act on: the pins and hides in force and the teaser behind each unlinked card.
     */
    async find(ctx: Context) {
      const parsed = readRailQuery(ctx.query);
      if (!parsed.ok) return ctx.badRequest(parsed.reason);
      ctx.body = await railWithCuration(parsed.query);
    },

    /** GET /newsroom/rail/curation: the pins and hides in force, newest first. */
    async listCuration(ctx: Context) {
      ctx.body = { data: await getPluginService(strapi, 'railCuration').list() };
    },

    /**
     * POST /newsroom/rail/curation: pin, hide or clear one card; answers the rail as readers now see
     * it (the view the query asks for, as GET /newsroom/rail) and the decisions in force.
     */
    async curate(ctx: Context & { request: { body?: unknown } }) {
      const query = readRailQuery(ctx.query);
      if (!query.ok) return ctx.badRequest(query.reason);
      const request = parseCurationRequest(ctx.request.body, new Date(), MAX_RAIL_LIMIT);
      if (!request.ok) return ctx.badRequest(request.reason);
      try {
        await getPluginService(strapi, 'railCuration').decide(request.value, editorOf(ctx.state.user as AdminUser | undefined));
      } catch (error) {
        if (error instanceof CurationTargetNotFound) return ctx.notFound(error.message);
        throw error;
      }
      ctx.body = await railWithCuration(query.query);
    },
  };
};

export default adminRailController;
