import type { UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkPopulate, splitToManyPopulate, type DeferredRelation, type ReadBounds } from '../content-api/query-bounds';
import { strapiModelLookup } from '../utils/model-lookup';
import { isCoreReadRoute } from '../utils/request-reader';
import { getPluginService } from '../utils/plugin';
import type { MiddlewareFactory } from './types';

type Row = Record<string, unknown> & { id?: unknown };

interface ReadParams {
  populate?: unknown;
  limit?: unknown;
  status?: string;
}

/** The rows reached from `rows` by following `path` through populated relations and components. */
function rowsAt(rows: Row[], path: string[]): Row[] {
  let level = rows;
  for (const name of path) {
    level = level.flatMap((row) => {
      const value = row[name];
      if (Array.isArray(value)) return value as Row[];
      return value && typeof value === 'object' ? [value as Row] : [];
    });
  }
  return level;
}

/**
 * Populating a to-many relation makes Strapi read every related row for every parent: one
 * category of 300 articles, nested twice, exhausted the heap. On the REST core reads this refuses
 * a populate past the depth and size bounds (400), and reads each to-many relation per parent,
 * capped at `api.rest.maxLimit`.
 */
export const capPopulatedRelations: MiddlewareFactory = ({ strapi }) => {
  const lookup = strapiModelLookup(strapi);

  async function loadPerParent(parents: Row[], relation: DeferredRelation, status: string, bounds: ReadBounds): Promise<void> {
    const entry = typeof relation.entry === 'object' ? relation.entry : {};
    const { kept, deferred } = splitToManyPopulate(
      typeof relation.entry === 'object' ? relation.entry.populate : relation.entry === '*' ? '*' : undefined,
      relation.targetUid,
      lookup,
    );
    const { populate: _populate, ...options } = entry;
    const query = strapi.get('query-params').transform(relation.targetUid as UID.Schema, { ...options, populate: kept }) as Record<string, unknown>;
    const target = lookup(relation.targetUid);
    const where = target?.draftAndPublish
      ? { $and: [query.where ?? {}, { publishedAt: status === 'draft' ? { $null: true } : { $notNull: true } }] }
      : query.where;
    const children: Row[] = [];
    for (const parent of parents) {
      if (parent.id === undefined) continue;
      const loaded = (await strapi.db
        .query(relation.parentUid as UID.Schema)
        .load(parent as { id: number }, relation.attribute, { ...query, where, limit: bounds.relationLimit })) as Row[] | null;
      parent[relation.attribute] = loaded ?? [];
      children.push(...(loaded ?? []));
    }
    for (const inner of deferred) await loadPerParent(rowsAt(children, inner.path), inner, status, bounds);
  }

  return async function capPopulatedRelationsMiddleware(ctx, next) {
    const read = ctx.action === 'findMany' || ctx.action === 'findOne' || ctx.action === 'findFirst';
    const params = ctx.params as ReadParams;
    if (!read || params.populate === undefined || !isCoreReadRoute(strapi, ctx.uid)) return next();

    const bounds = getPluginService(strapi, 'contentApi').readBounds();
    const roots = ctx.action === 'findMany' ? Math.min(Number(params.limit) || bounds.defaultPageSize, bounds.maxPageSize) : 1;
    const check = checkPopulate(params.populate, ctx.uid, lookup, roots, bounds);
    if (!check.ok) throw new errors.ValidationError(check.reason, { param: 'populate' });

    const { kept, deferred } = splitToManyPopulate(params.populate, ctx.uid, lookup);
    if (deferred.length === 0) return next();
    params.populate = kept;
    const result = await next();
    const found = result as unknown as Row | Row[] | null;
    const rows = found === null || found === undefined ? [] : Array.isArray(found) ? found : [found];
    const status = params.status ?? 'published';
    for (const relation of deferred) await loadPerParent(rowsAt(rows, relation.path), relation, status, bounds);
    return result;
  };
};
