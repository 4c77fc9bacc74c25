import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readRailQuery } from './controllers/latest-rail';
import { getPluginService } from './utils/plugin';

/* The nexus builder the graphql plugin hands to extensions; typed loosely on purpose (its types are
   generated per schema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Nexus = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FieldBuilder = any;

/**
 * GraphQL `latestRail(exclude, limit)`, answering the same fields as GET /api/latest-rail. Wired
 * only when the graphql plugin is present.
 */
export function registerGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(({ nexus }: { nexus: Nexus }) => ({
    types: [
      nexus.objectType({
        name: 'LatestRailArticle',
        definition(t: FieldBuilder) {
          t.nonNull.id('documentId');
          t.string('slug');
          t.nonNull.string('title');
        },
      }),
      nexus.objectType({
        name: 'LatestRailCard',
        definition(t: FieldBuilder) {
          t.nonNull.int('position');
          t.nonNull.string('text');
          t.nonNull.string('kind');
          t.string('sponsor');
          t.field('article', { type: 'LatestRailArticle' });
        },
      }),
      nexus.objectType({
        name: 'LatestRail',
        definition(t: FieldBuilder) {
          t.nonNull.int('version');
          t.nonNull.string('assembledAt');
          t.nonNull.list.nonNull.field('cards', { type: 'LatestRailCard' });
        },
      }),
      nexus.extendType({
        type: 'Query',
        definition(t: FieldBuilder) {
          t.nonNull.field('latestRail', {
            type: 'LatestRail',
            args: { exclude: nexus.stringArg(), limit: nexus.intArg() },
            async resolve(_parent: unknown, args: { exclude?: string | null; limit?: number | null }) {
              const query: Record<string, unknown> = {};
              if (args.limit !== undefined && args.limit !== null) query.limit = String(args.limit);
              if (args.exclude !== undefined && args.exclude !== null) query.exclude = args.exclude;
              const parsed = readRailQuery(query);
              if (!parsed.ok) throw new errors.ValidationError(parsed.reason);
              return getPluginService(strapi, 'rail').view(parsed.query);
            },
          });
        },
      }),
    ],
    resolversConfig: { 'Query.latestRail': { auth: false } },
  }));
}
