import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getPluginService } from '../utils/plugin';

const adminActivityController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /newsroom/activity: the last imports and merges, cards waiting for their story, rebuild targets' health. */
  async summary(ctx: Context) {
    ctx.body = { data: await getPluginService(strapi, 'activity').summary() };
  },
});

export default adminActivityController;
