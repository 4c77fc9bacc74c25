import { findCountingWhenNeeded, totalFromPage, wantsCount, type FoundPage } from '../../../src/lib/count-when-needed';

describe('counting a list only when its page cannot tell the total', () => {
  it('reads the total off a page that is not full, or an empty first page', () => {
    expect(totalFromPage(0, 25, 1)).toBe(1);
    expect(totalFromPage(50, 25, 3)).toBe(53);
    expect(totalFromPage(0, 25, 0)).toBe(0);
    expect(totalFromPage(0, 25, 25)).toBeNull();
    expect(totalFromPage(75, 25, 0)).toBeNull();
    expect(totalFromPage(0, 0, 0)).toBeNull();
  });

  it('reads withCount as Strapi does', () => {
    expect(wantsCount(undefined, true)).toBe(true);
    expect(wantsCount(undefined, false)).toBe(false);
    expect(wantsCount('f', true)).toBe(false);
    expect(wantsCount('1', false)).toBe(true);
    expect(() => wantsCount('maybe', true)).toThrow('Invalid withCount parameter');
  });

  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i }));
  /** A stock find over `all` rows, which must never be asked to count. */
  const stockOver = (all: number) => async (params: Record<string, unknown>): Promise<FoundPage> => {
    const pagination = params.pagination as Record<string, unknown>;
    expect(pagination.withCount).toBe(false);
    if ('start' in pagination) {
      const start = Number(pagination.start);
      const limit = Number(pagination.limit);
      return { results: rows(Math.max(0, Math.min(limit, all - start))), pagination: { start, limit } };
    }
    const page = Number(pagination.page ?? 1);
    const pageSize = Number(pagination.pageSize ?? 25);
    return { results: rows(Math.max(0, Math.min(pageSize, all - (page - 1) * pageSize))), pagination: { page, pageSize } };
  };

  it('answers the meta Strapi would, counting only a full page or one past the end', async () => {
    const counted: unknown[] = [];
    const count = async (params: Record<string, unknown>) => {
      counted.push(params);
      return 60;
    };
    expect((await findCountingWhenNeeded(count, { pagination: { page: 3, pageSize: 25 } }, true, stockOver(60))).pagination).toEqual({ page: 3, pageSize: 25, pageCount: 3, total: 60 });
    expect((await findCountingWhenNeeded(count, { pagination: { start: 40, limit: 25 } }, true, stockOver(60))).pagination).toEqual({ start: 40, limit: 25, total: 60 });
    expect(counted).toHaveLength(0);
    expect((await findCountingWhenNeeded(count, { pagination: { page: 1, pageSize: 25 } }, true, stockOver(60))).pagination).toEqual({ page: 1, pageSize: 25, pageCount: 3, total: 60 });
    expect((await findCountingWhenNeeded(count, { pagination: { page: 9, pageSize: 25 } }, true, stockOver(60))).pagination).toEqual({ page: 9, pageSize: 25, pageCount: 3, total: 60 });
    expect(counted).toHaveLength(2);
  });
});
