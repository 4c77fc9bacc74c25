import type { Core, UID } from '@strapi/strapi';
import { errors, pagination as paginationUtils } from '@strapi/utils';

/** What a core service's find answers (Strapi's collection-type service). */
export interface FoundPage {
  results: unknown[];
  pagination: { page?: number; pageSize?: number; start?: number; limit?: number; pageCount?: number; total?: number };
}

/** Whether a list asks for its total, as Strapi reads `pagination[withCount]` (absent: api.rest.withCount). */
export function wantsCount(withCount: unknown, configured: boolean): boolean {
  if (withCount === undefined) return configured;
  if (typeof withCount === 'boolean') return withCount;
  if (['true', 't', '1', 1].includes(withCount as string | number)) return true;
  if (['false', 'f', '0', 0].includes(withCount as string | number)) return false;
  throw new errors.ValidationError('Invalid withCount parameter. Expected "t","1","true","false","0","f"');
}

/**
 * The total a page of results already tells: a page that is not full is the last one, so the
 * total is everything before it plus what it holds (and an empty first page means none). Null
 * when only counting can tell (a full page, or an empty page past the first).
 */
export function totalFromPage(offset: number, size: number, found: number): number | null {
  if (size <= 0) return null;
  if (found > 0 && found < size) return offset + found;
  if (found === 0 && offset === 0) return 0;
  return null;
}

/**
 * Strapi's list (`find`), with its pagination meta unchanged, but without the second query that
 * counts the matches when the page itself tells the total: a lookup by slug, a filter that matches
 * a few, the last page. `stockFind` is the core service's own find.
 */
export async function findCountingWhenNeeded(
  count: (params: Record<string, unknown>) => Promise<number>,
  params: Record<string, unknown>,
  configuredWithCount: boolean,
  stockFind: (params: Record<string, unknown>) => Promise<FoundPage>
): Promise<FoundPage> {
  const pagination = (params.pagination ?? {}) as Record<string, unknown>;
  if (!wantsCount('withCount' in pagination ? (pagination.withCount ?? false) : undefined, configuredWithCount)) return stockFind(params);
  const found = await stockFind({ ...params, pagination: { ...pagination, withCount: false } });
  const paged = found.pagination.page !== undefined;
  const size = Number(paged ? found.pagination.pageSize : found.pagination.limit);
  const offset = paged ? (Number(found.pagination.page) - 1) * size : Number(found.pagination.start);
  const total = totalFromPage(offset, size, found.results.length) ?? (await count(params));
  const info = { start: offset, limit: size };
  return {
    results: found.results,
    pagination: paged ? paginationUtils.transformPagedPaginationInfo(info, total) : paginationUtils.transformOffsetPaginationInfo(info, total),
  };
}

/**
 * A core service whose `find` counts only when needed: `createCoreService(uid, countingWhenNeeded(uid))`.
 * Frontends fetch an article, a category or an author by `filters[slug][$eq]`.
 */
export function countingWhenNeeded(uid: UID.ContentType) {
  return ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(this: { find(params: object): Promise<unknown> }, params: object = {}) {
      const stockFind = Object.getPrototypeOf(this).find as (params: object) => Promise<FoundPage>;
      const found = await findCountingWhenNeeded(
        (given) => strapi.documents(uid).count({ status: 'published', ...given } as never),
        params as Record<string, unknown>,
        Boolean(strapi.config.get('api.rest.withCount', true)),
        (given) => stockFind.call(this, given)
      );
      return found as never;
    },
  });
}
