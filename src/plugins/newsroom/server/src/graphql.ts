import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readRailQuery } from './controllers/latest-rail';
import { GRAPHQL_OPERATORS, requirePublishedRelations } from './content-api/published-relations';
import { isToManyRelation } from './content-api/model';
import { strapiModelLookup } from './utils/model-lookup';
import { mayChooseStatus } from './utils/request-reader';
import { getPluginService } from './utils/plugin';

/* The nexus builder the graphql plugin hands to extensions; typed loosely on purpose (its types are
   generated per schema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Nexus = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FieldBuilder = any;

type Resolve = (parent: unknown, args: Record<string, unknown>, context: { state?: unknown }, info: unknown) => unknown;
type ResolverMiddleware = (next: Resolve, parent: unknown, args: Record<string, unknown>, context: { state?: unknown }, info: unknown) => unknown;

/**
 * A relation field's resolver takes its status from the root query (`categories(status: DRAFT)`)
 * and reads the database directly, past the document-service middlewares: for readers (no API
 * token) every relation field reads published rows, and its filters match published rows only.
 */
function relationFieldsReadPublished(strapi: Core.Strapi): Record<string, { middlewares: ResolverMiddleware[] }> {
  const lookup = strapiModelLookup(strapi);
  const naming = strapi.plugin('graphql').service('utils').naming as { getTypeName(contentType: unknown): string };
  const config: Record<string, { middlewares: ResolverMiddleware[] }> = {};
  for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
    if (!uid.startsWith('api::')) continue;
    const typeName = naming.getTypeName(contentType);
    for (const [name, attribute] of Object.entries(lookup(uid)?.attributes ?? {})) {
      if (attribute.type !== 'relation' || !attribute.target) continue;
      const target = attribute.target;
      const middleware: ResolverMiddleware = (next, parent, args, context, info) =>
        mayChooseStatus(context.state as Parameters<typeof mayChooseStatus>[0])
          ? next(parent, args, context, info)
          : next(parent, { ...args, status: 'published', filters: requirePublishedRelations(args.filters, target, lookup, GRAPHQL_OPERATORS) }, context, info);
      config[`${typeName}.${name}`] = { middlewares: [middleware] };
      if (isToManyRelation(attribute)) config[`${typeName}.${name}_connection`] = { middlewares: [middleware] };
    }
  }
  return config;
}

/**
 * GraphQL `latestRail(exclude, limit)`, answering the same fields as GET /api/latest-rail, and
 * relation fields that never read drafts for readers. Wired only when the graphql plugin is present.
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
    resolversConfig: { 'Query.latestRail': { auth: false }, ...relationFieldsReadPublished(strapi) },
  }));
}
