import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { assignSlug } from './middlewares/assign-slug';
import { dedupeTeaser } from './middlewares/dedupe-teaser';
import { writeArticle } from './middlewares/write-article';
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
 * that they see every write, whatever route it came from (admin, REST, GraphQL, import). Each wraps
 * the ones registered after it: the observers of published changes come first, so they see what a
 * write finally stored; article creates and updates are the story writer's (services/story-writer.ts).
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The public edge: readers never read drafts, populates are bounded, private fields stay ours.
  strapi.documents.use(publicReadsPublished({ strapi }));
  strapi.documents.use(capPopulatedRelations({ strapi }));
  // A sanitizer, not a validator too: REST and GraphQL writes both pass the input sanitizers.
  strapi.sanitizers.add('content-api.input', refuseForbiddenInput as never);
  // Outermost of the writers: it sees what a write finally stored (a client's create merged or not).
  strapi.documents.use(notifyPublishedChange({ strapi }));
  strapi.documents.use(releaseKeys({ strapi }));
  // Inside the notifier's transaction, so the rail assembled after it sees the stamp.
  strapi.documents.use(stampFirstPublication({ strapi }));
  strapi.documents.use(writeArticle({ strapi }));
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
  getPluginService(strapi, 'ingestWorker').start();
};

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  // First: the page it is storing may still schedule a rail assembly here.
  await getPluginService(strapi, 'ingestWorker').stop();
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
