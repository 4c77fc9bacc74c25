import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { assignSlug } from './middlewares/assign-slug';
import { cleanArticleBody } from './middlewares/clean-article-body';
import { deriveReadingFields } from './middlewares/derive-reading-fields';
import { defaultSeo } from './middlewares/default-seo';
import { claimStoryKeys } from './middlewares/claim-story-keys';
import { dedupeArticle } from './middlewares/dedupe-article';
import { dedupeTeaser } from './middlewares/dedupe-teaser';
import { linkArticle } from './middlewares/link-article';
import { notifyPublishedChange } from './middlewares/notify-published-change';
import { publicReadsPublished } from './middlewares/public-reads-published';
import { capPopulatedRelations } from './middlewares/cap-populated-relations';
import { refuseForbiddenInput } from './content-api/refuse-forbidden-input';
import { guardContentApiQuery } from './http/guard-content-api-query';
import { serveCachedRailQueries } from './http/serve-cached-rail-queries';
import { wireGraphqlLimits } from './graphql-limits';
import { yieldBetweenWrites } from './utils/yield-between-writes';
import { releaseKeys } from './middlewares/release-keys';
import { stampFirstPublication } from './middlewares/stamp-first-publication';
import routes from './routes';
import services from './services';
import { registerGraphql } from './graphql';
import { getPluginService } from './utils/plugin';
import { newsroomConfigFromEnv, validateNewsroomConfig } from './config';
import { registerAdminPermissions } from './admin-permissions';
import { runMigrations } from './persistence/migrate';

/**
 * The newsroom plugin's server side. Document-service middlewares are registered in register() so
 * that they see every write, whatever route it came from (admin, REST, GraphQL, import). Order
 * matters: each wraps the ones after it.
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The public edge: readers never read drafts, populates are bounded, private fields stay ours.
  strapi.documents.use(publicReadsPublished({ strapi }));
  strapi.documents.use(capPopulatedRelations({ strapi }));
  // A sanitizer, not a validator too: REST and GraphQL writes both pass the input sanitizers.
  strapi.sanitizers.add('content-api.input', refuseForbiddenInput as never);
  // Outermost of the writers: it sees the final outcome of dedupe (created, merged, unchanged).
  strapi.documents.use(notifyPublishedChange({ strapi }));
  strapi.documents.use(releaseKeys({ strapi }));
  // Inside the notifier's transaction, so the rail assembled after it sees the stamp.
  strapi.documents.use(stampFirstPublication({ strapi }));
  // Before linking and dedupe: both must see the body without chrome.
  strapi.documents.use(cleanArticleBody({ strapi }));
  // Inside the cleaner, so it counts the body without chrome.
  strapi.documents.use(deriveReadingFields({ strapi }));
  // Inside the reading fields, so a new excerpt can stand in for a missing dek.
  strapi.documents.use(defaultSeo({ strapi }));
  strapi.documents.use(linkArticle({ strapi }));
  strapi.documents.use(claimStoryKeys({ strapi }));
  strapi.documents.use(dedupeArticle({ strapi }));
  strapi.documents.use(dedupeTeaser({ strapi }));
  strapi.documents.use(assignSlug({ strapi }));
  registerGraphql(strapi);
  wireGraphqlLimits(strapi);
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // After Strapi's global middlewares (errors, CORS, body), before the routes.
  strapi.server.use(guardContentApiQuery(strapi));
  if (strapi.plugin('graphql')) strapi.server.use(serveCachedRailQueries(strapi));
  yieldBetweenWrites(strapi);
  await registerAdminPermissions(strapi);
  await runMigrations(strapi);
  await getPluginService(strapi, 'publication').backfillFirstPublication();
  getPluginService(strapi, 'readingFields').startBackfill();
  // Rebuild webhooks: targets from REBUILD_WEBHOOK_URLS, and the dispatcher loop; before
  // any rail assembly, which records a rebuild event.
  await getPluginService(strapi, 'rebuild').start();
  // Content stored before this version of the plugin (or by a crashed process) gets its rail.
  getPluginService(strapi, 'rail').scheduleAssembly();
};

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getPluginService(strapi, 'readingFields').stop();
  await getPluginService(strapi, 'rail').stop();
  // After the rail: its last assembly may still write a rebuild event.
  await getPluginService(strapi, 'rebuild').stop();
};

export default {
  register,
  bootstrap,
  destroy,
  config: { default: newsroomConfigFromEnv, validator: validateNewsroomConfig },
  contentTypes,
  controllers,
  routes,
  services,
};
