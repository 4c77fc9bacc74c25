import { isToManyRelation, nestedModelUid, type ModelLookup } from './model';

/** What a content-API read may ask for; see resolveEdgeConfig for the defaults and variables. */
export interface ReadBounds {
  /** Deepest populate nesting accepted (`populate[a][populate][b]` is 2). */
  populateDepth: number;
  /** Most documents a response may hold, counting each to-many relation at `relationLimit` per parent. */
  populateDocuments: number;
  /** Items a populated to-many relation returns per parent (Strapi's `api.rest.maxLimit`). */
  relationLimit: number;
  /** Page size when the request names none, and the most it may name. */
  defaultPageSize: number;
  maxPageSize: number;
}

export type BoundsCheck = { ok: true } | { ok: false; reason: string };

const OK: BoundsCheck = { ok: true };
const refuse = (reason: string): BoundsCheck => ({ ok: false, reason });

const PAGINATION_KEYS = new Set(['page', 'pageSize', 'start', 'limit', 'withCount']);

/** `pagination[...]` values must be what they say: non-negative integers (and withCount a boolean). */
export function checkPagination(pagination: unknown): BoundsCheck {
  if (pagination === undefined) return OK;
  if (typeof pagination !== 'object' || pagination === null || Array.isArray(pagination)) {
    return refuse('pagination must be an object: pagination[page], pagination[pageSize], pagination[start], pagination[limit]');
  }
  for (const [key, value] of Object.entries(pagination)) {
    if (!PAGINATION_KEYS.has(key)) return refuse(`pagination[${key}] is not a pagination parameter`);
    if (key === 'withCount') {
      if (!['true', 'false', true, false].includes(value as string | boolean)) return refuse('pagination[withCount] must be true or false');
      continue;
    }
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !/^\d{1,9}$/.test(text)) return refuse(`pagination[${key}] must be a whole number, got ${JSON.stringify(value)}`);
    if ((key === 'page' || key === 'pageSize') && Number(text) < 1) return refuse(`pagination[${key}] must be at least 1`);
  }
  return OK;
}

/** Operators whose value is a list of plain values. */
const LIST_OPERATORS = new Set(['$in', '$notIn', '$between']);
const LOGICAL_LIST_OPERATORS = new Set(['$and', '$or']);
const MAX_FILTER_DEPTH = 16;

const isScalar = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/**
 * Every comparison operator takes a plain value (`$in`, `$notIn` and `$between` a list of them), and
 * logical operators take conditions. Strapi passes `filters[title][$eq][$ne]=x` to the database as an
 * object, which the driver cannot bind: a 500 for a malformed URL.
 */
export function checkFilterOperators(filters: unknown, path = 'filters', depth = 0): BoundsCheck {
  if (filters === undefined || filters === null) return OK;
  if (depth > MAX_FILTER_DEPTH) return refuse(`${path}: filters are nested more than ${MAX_FILTER_DEPTH} levels deep`);
  if (Array.isArray(filters)) {
    for (const [index, item] of filters.entries()) {
      const check = checkFilterOperators(item, `${path}[${index}]`, depth + 1);
      if (!check.ok) return check;
    }
    return OK;
  }
  if (typeof filters !== 'object') return OK;
  for (const [key, value] of Object.entries(filters)) {
    const at = `${path}[${key}]`;
    if (!key.startsWith('$') || LOGICAL_LIST_OPERATORS.has(key) || key === '$not') {
      const check = checkFilterOperators(value, at, depth + 1);
      if (!check.ok) return check;
      continue;
    }
    if (LIST_OPERATORS.has(key)) {
      const items = Array.isArray(value) ? value : [value];
      if (!items.every(isScalar)) return refuse(`${at} takes a list of plain values`);
      continue;
    }
    if (!isScalar(value)) {
      const list = Array.isArray(value) && value.every(isScalar);
      if (!list) return refuse(`${at} takes a plain value, not ${Array.isArray(value) ? 'a list of conditions' : 'an object'}`);
    }
  }
  return OK;
}

interface PopulateMeasure {
  depth: number;
  deepestPath: string;
  documents: number;
}

export type PopulateEntry = { populate?: unknown; count?: unknown; [option: string]: unknown } | true | string;

/** Turns every populate syntax REST accepts ('*', 'a,b.c', ['a'], { a: { populate } }) into one object form. */
export function normalisePopulate(populate: unknown, uid: string, lookup: ModelLookup): Record<string, PopulateEntry> {
  if (populate === undefined || populate === null || populate === false || populate === 'false') return {};
  if (populate === '*' || populate === true || populate === 'true') {
    const model = lookup(uid);
    const entries: Record<string, PopulateEntry> = {};
    for (const [name, attribute] of Object.entries(model?.attributes ?? {})) {
      if (nestedModelUid(attribute)) entries[name] = true;
    }
    return entries;
  }
  const paths = typeof populate === 'string' ? populate.split(',') : Array.isArray(populate) ? populate.map(String) : undefined;
  if (paths) {
    const tree: Record<string, PopulateEntry> = {};
    for (const path of paths) {
      const [head, ...rest] = path.trim().split('.');
      if (!head) continue;
      const existing = tree[head];
      if (rest.length === 0) {
        if (existing === undefined) tree[head] = true;
        continue;
      }
      const nested = typeof existing === 'object' && Array.isArray(existing.populate) ? existing.populate : [];
      tree[head] = { populate: [...nested, rest.join('.')] };
    }
    return tree;
  }
  return typeof populate === 'object' ? (populate as Record<string, PopulateEntry>) : {};
}

function measure(populate: unknown, uid: string, lookup: ModelLookup, parents: number, relationLimit: number, path: string, depth: number): PopulateMeasure {
  const model = lookup(uid);
  let result: PopulateMeasure = { depth, deepestPath: path, documents: 0 };
  for (const [name, entry] of Object.entries(normalisePopulate(populate, uid, lookup))) {
    const attribute = model?.attributes[name];
    const targetUid = attribute ? nestedModelUid(attribute) : undefined;
    if (!attribute || !targetUid) continue;
    const countOnly = typeof entry === 'object' && (entry.count === true || entry.count === 'true');
    // Components are stored with their parent and not capped here; only to-many relations multiply.
    const rows = countOnly ? 0 : parents * (isToManyRelation(attribute) ? relationLimit : 1);
    const nested = typeof entry === 'object' ? entry.populate : entry === '*' ? '*' : undefined;
    const inner = measure(nested, targetUid, lookup, rows, relationLimit, path ? `${path}.${name}` : name, depth + 1);
    result = {
      depth: Math.max(result.depth, inner.depth),
      deepestPath: inner.depth > result.depth ? inner.deepestPath : result.deepestPath,
      documents: result.documents + rows + inner.documents,
    };
  }
  return result;
}

/**
 * Refuses a populate that nests deeper than the bounds allow, or whose response could hold more
 * documents than they allow (each to-many relation counted at its per-parent cap), before any of
 * it is read.
 */
export function checkPopulate(populate: unknown, uid: string, lookup: ModelLookup, roots: number, bounds: ReadBounds): BoundsCheck {
  const measured = measure(populate, uid, lookup, roots, bounds.relationLimit, '', 0);
  if (measured.depth > bounds.populateDepth) {
    return refuse(
      `populate is nested ${measured.depth} levels deep (${measured.deepestPath}); at most ${bounds.populateDepth} are allowed (REST_POPULATE_DEPTH_LIMIT)`,
    );
  }
  const documents = roots + measured.documents;
  if (documents > bounds.populateDocuments) {
    return refuse(
      `this populate could return up to ${documents} documents (${roots} per page, up to ${bounds.relationLimit} per to-many relation); ` +
        `at most ${bounds.populateDocuments} are allowed (REST_POPULATE_DOCUMENT_LIMIT): ask for a smaller page or populate less`,
    );
  }
  return OK;
}

/** A to-many relation taken out of a populate, to be read per parent with its cap. */
export interface DeferredRelation {
  /** Attributes from the level that was split down to the parents that hold the relation. */
  path: string[];
  parentUid: string;
  attribute: string;
  targetUid: string;
  entry: PopulateEntry;
}

/**
 * Splits a populate into what Strapi may populate as asked (to-one relations, components, media)
 * and the to-many relations, at any depth, which Strapi would read whole for every parent: those
 * are read per parent with a limit instead (see cap-populated-relations).
 */
export function splitToManyPopulate(
  populate: unknown,
  uid: string,
  lookup: ModelLookup,
  path: string[] = [],
): { kept: Record<string, PopulateEntry>; deferred: DeferredRelation[] } {
  const model = lookup(uid);
  const kept: Record<string, PopulateEntry> = {};
  const deferred: DeferredRelation[] = [];
  for (const [name, entry] of Object.entries(normalisePopulate(populate, uid, lookup))) {
    const attribute = model?.attributes[name];
    const targetUid = attribute ? nestedModelUid(attribute) : undefined;
    if (!attribute || !targetUid) {
      kept[name] = entry;
      continue;
    }
    const countOnly = typeof entry === 'object' && (entry.count === true || entry.count === 'true');
    if (isToManyRelation(attribute) && !countOnly) {
      deferred.push({ path, parentUid: uid, attribute: name, targetUid, entry });
      continue;
    }
    const nested = typeof entry === 'object' ? entry.populate : entry === '*' ? '*' : undefined;
    if (nested === undefined) {
      kept[name] = entry;
      continue;
    }
    const inner = splitToManyPopulate(nested, targetUid, lookup, [...path, name]);
    kept[name] = { ...(typeof entry === 'object' ? entry : {}), populate: inner.kept };
    deferred.push(...inner.deferred);
  }
  return { kept, deferred };
}
