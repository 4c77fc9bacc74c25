import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { assignSlug } from './middlewares/assign-slug';
import { claimStoryKeys } from './middlewares/claim-story-keys';
import { dedupeArticle } from './middlewares/dedupe-article';
import { dedupeTeaser } from './middlewares/dedupe-teaser';
import { linkArticle } from './middlewares/link-article';
import { publicReadsPublished } from './middlewares/public-reads-published';
import { releaseKeys } from './middlewares/release-keys';
import routes from './routes';
import services from './services';
import { getPluginService } from './utils/plugin';

/**
 * The newsroom plugin's server side. Document-service middlewares are registered in register() so
 * that they see every write, whatever route it came from (admin, REST, GraphQL, import). Order
 * matters: each wraps the ones after it.
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(publicReadsPublished({ strapi }));
  strapi.documents.use(releaseKeys({ strapi }));
  strapi.documents.use(linkArticle({ strapi }));
  strapi.documents.use(claimStoryKeys({ strapi }));
  strapi.documents.use(dedupeArticle({ strapi }));
  strapi.documents.use(dedupeTeaser({ strapi }));
  strapi.documents.use(assignSlug({ strapi }));
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getPluginService(strapi, 'dedupeKeys').ensureTable();
};

export default {
  register,
  bootstrap,
  config: { default: {}, validator: () => {} },
  contentTypes,
  controllers,
  routes,
  services,
};
