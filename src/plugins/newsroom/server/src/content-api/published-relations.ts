import { nestedModelUid, type ModelLookup } from './model';

type Filters = Record<string, unknown>;

/** REST writes operators with a dollar (`$and`), GraphQL without (`and`). */
export interface FilterOperators {
  and: string;
  or: string;
  not: string;
  notNull: string;
}

export const REST_OPERATORS: FilterOperators = { and: '$and', or: '$or', not: '$not', notNull: '$notNull' };
export const GRAPHQL_OPERATORS: FilterOperators = { and: 'and', or: 'or', not: 'not', notNull: 'notNull' };

function isPlainObject(value: unknown): value is Filters {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites content-API filters so that a condition on a relation to a draft-and-publish type only
 * matches published rows of that type. Strapi joins relation filters to draft and published rows
 * alike, so without this `filters[articles][title][$containsi]=…` on categories tells an anonymous
 * caller which draft titles exist.
 */
export function requirePublishedRelations(
  filters: unknown,
  uid: string,
  lookup: ModelLookup,
  operators: FilterOperators = REST_OPERATORS,
): unknown {
  const model = lookup(uid);
  if (!model || !isPlainObject(filters)) return filters;
  const rewritten: Filters = {};
  for (const [key, value] of Object.entries(filters)) {
    if ((key === operators.and || key === operators.or) && Array.isArray(value)) {
      rewritten[key] = value.map((item) => requirePublishedRelations(item, uid, lookup, operators));
      continue;
    }
    if (key === operators.not) {
      rewritten[key] = requirePublishedRelations(value, uid, lookup, operators);
      continue;
    }
    const attribute = model.attributes[key];
    const targetUid = attribute ? nestedModelUid(attribute) : undefined;
    if (!attribute || !targetUid || !isPlainObject(value)) {
      rewritten[key] = value;
      continue;
    }
    const nested = requirePublishedRelations(value, targetUid, lookup, operators);
    const target = lookup(targetUid);
    rewritten[key] =
      attribute.type === 'relation' && target?.draftAndPublish
        ? { [operators.and]: [nested, { publishedAt: { [operators.notNull]: true } }] }
        : nested;
  }
  return rewritten;
}

/** The same rewrite for the filters inside a populate (`populate[articles][filters]…`), at any depth. */
export function requirePublishedRelationsInPopulate(populate: unknown, uid: string, lookup: ModelLookup): unknown {
  const model = lookup(uid);
  if (!model || !isPlainObject(populate)) return populate;
  const rewritten: Filters = {};
  for (const [key, value] of Object.entries(populate)) {
    const attribute = model.attributes[key];
    const targetUid = attribute ? nestedModelUid(attribute) : undefined;
    if (!targetUid || !isPlainObject(value)) {
      rewritten[key] = value;
      continue;
    }
    const entry: Filters = { ...value };
    if (entry.filters !== undefined) entry.filters = requirePublishedRelations(entry.filters, targetUid, lookup);
    if (entry.populate !== undefined) entry.populate = requirePublishedRelationsInPopulate(entry.populate, targetUid, lookup);
    rewritten[key] = entry;
  }
  return rewritten;
}
