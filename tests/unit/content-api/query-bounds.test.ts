import {
  checkFilterOperators,
  checkPagination,
  checkPopulate,
  splitToManyPopulate,
  type ReadBounds,
} from '../../../src/plugins/newsroom/server/src/content-api/query-bounds';
import { lookup } from './models';


const BOUNDS: ReadBounds = { populateDepth: 3, populateDocuments: 5000, relationLimit: 100, defaultPageSize: 25, maxPageSize: 100 };

describe('checkPagination', () => {
  it('accepts whole numbers and withCount', () => {
    expect(checkPagination(undefined)).toEqual({ ok: true });
    expect(checkPagination({ page: '2', pageSize: '10', withCount: 'false' })).toEqual({ ok: true });
    expect(checkPagination({ start: '0', limit: 5 })).toEqual({ ok: true });
  });

  it('names the parameter that is not a whole number', () => {
    expect(checkPagination({ pageSize: 'abc' })).toEqual({ ok: false, reason: 'pagination[pageSize] must be a whole number, got "abc"' });
    expect(checkPagination({ page: '-1' })).toMatchObject({ ok: false, reason: expect.stringContaining('pagination[page]') });
    expect(checkPagination({ page: '0' })).toEqual({ ok: false, reason: 'pagination[page] must be at least 1' });
    expect(checkPagination({ limit: ['1', '2'] })).toMatchObject({ ok: false });
    expect(checkPagination({ pageSize: '1e3' })).toMatchObject({ ok: false });
    expect(checkPagination({ withCount: 'maybe' })).toEqual({ ok: false, reason: 'pagination[withCount] must be true or false' });
    expect(checkPagination({ size: '1' })).toEqual({ ok: false, reason: 'pagination[size] is not a pagination parameter' });
    expect(checkPagination('10')).toMatchObject({ ok: false });
  });
});

describe('checkFilterOperators', () => {
  it('accepts plain values, lists for list operators, and nested conditions', () => {
    expect(checkFilterOperators({ title: { $eq: 'x' } })).toEqual({ ok: true });
    expect(checkFilterOperators({ title: 'x' })).toEqual({ ok: true });
    expect(checkFilterOperators({ id: { $in: ['1', '2'] } })).toEqual({ ok: true });
    expect(checkFilterOperators({ $or: [{ title: { $containsi: 'a' } }, { category: { slug: { $eq: 'b' } } }] })).toEqual({ ok: true });
    expect(checkFilterOperators({ $not: { title: { $null: 'true' } } })).toEqual({ ok: true });
  });

  it('refuses an object under a comparison operator, naming where', () => {
    expect(checkFilterOperators({ title: { $eq: { $ne: 'x' } } })).toEqual({
      ok: false,
      reason: 'filters[title][$eq] takes a plain value, not an object',
    });
    expect(checkFilterOperators({ category: { name: { $containsi: [{ a: 1 }] } } })).toEqual({
      ok: false,
      reason: 'filters[category][name][$containsi] takes a plain value, not a list of conditions',
    });
    expect(checkFilterOperators({ id: { $in: [{ $eq: 1 }] } })).toEqual({ ok: false, reason: 'filters[id][$in] takes a list of plain values' });
  });

  it('refuses filters nested past the limit without walking them all', () => {
    let deep: Record<string, unknown> = { title: { $eq: 'x' } };
    for (let i = 0; i < 40; i += 1) deep = { $and: [deep] };
    expect(checkFilterOperators(deep)).toMatchObject({ ok: false, reason: expect.stringContaining('nested more than 16 levels') });
  });
});

describe('checkPopulate', () => {
  it('accepts what a frontend asks for', () => {
    expect(checkPopulate('category', 'api::article.article', lookup, 25, BOUNDS)).toEqual({ ok: true });
    expect(checkPopulate('*', 'api::article.article', lookup, 25, BOUNDS)).toEqual({ ok: true });
    expect(checkPopulate({ articles: { fields: ['title'] } }, 'api::category.category', lookup, 25, BOUNDS)).toEqual({ ok: true });
    expect(checkPopulate(['category', 'teaser.article'], 'api::article.article', lookup, 25, BOUNDS)).toEqual({ ok: true });
  });

  it('refuses nesting past the depth limit, naming the path and the variable', () => {
    const populate = { articles: { populate: { category: { populate: { articles: { populate: { category: { populate: { articles: true } } } } } } } } };
    expect(checkPopulate(populate, 'api::category.category', lookup, 25, BOUNDS)).toEqual({
      ok: false,
      reason: 'populate is nested 5 levels deep (articles.category.articles.category.articles); at most 3 are allowed (REST_POPULATE_DEPTH_LIMIT)',
    });
    expect(checkPopulate('category.articles.category.articles', 'api::article.article', lookup, 25, BOUNDS)).toMatchObject({ ok: false });
  });

  it('counts each to-many relation at its cap per parent, and nested ones multiply', () => {
    // 100 categories, each with up to 100 articles, each with up to 100 related articles.
    const populate = { articles: { populate: { relatedArticles: true } } };
    const check = checkPopulate(populate, 'api::category.category', lookup, 100, BOUNDS);
    expect(check).toEqual({
      ok: false,
      reason:
        'this populate could return up to 1010100 documents (100 per page, up to 100 per to-many relation); at most 5000 are allowed (REST_POPULATE_DOCUMENT_LIMIT): ask for a smaller page or populate less',
    });
    // 25 categories with 100 articles each fit; 100 categories with their article counts only, too.
    expect(checkPopulate({ articles: true }, 'api::category.category', lookup, 25, BOUNDS)).toEqual({ ok: true });
    expect(checkPopulate({ articles: { count: true } }, 'api::category.category', lookup, 100, BOUNDS)).toEqual({ ok: true });
  });
});

describe('splitToManyPopulate', () => {
  it('defers to-many relations at any depth and keeps the rest as asked', () => {
    const { kept, deferred } = splitToManyPopulate(
      { category: { fields: ['name'], populate: { articles: { fields: ['title'] } } }, relatedArticles: true, teaser: true },
      'api::article.article',
      lookup,
    );
    expect(kept).toEqual({ category: { fields: ['name'], populate: {} }, teaser: true });
    expect(deferred).toEqual([
      { path: ['category'], parentUid: 'api::category.category', attribute: 'articles', targetUid: 'api::article.article', entry: { fields: ['title'] } },
      { path: [], parentUid: 'api::article.article', attribute: 'relatedArticles', targetUid: 'api::article.article', entry: true },
    ]);
  });

  it('keeps a count of a to-many relation as asked: one grouped query, not rows', () => {
    const { kept, deferred } = splitToManyPopulate({ articles: { count: true } }, 'api::category.category', lookup);
    expect(kept).toEqual({ articles: { count: true } });
    expect(deferred).toEqual([]);
  });

  it("expands '*' to every relation and component, deferring the to-many ones", () => {
    const { kept, deferred } = splitToManyPopulate('*', 'api::article.article', lookup);
    expect(Object.keys(kept).sort()).toEqual(['category', 'sources', 'teaser']);
    expect(deferred.map((relation) => relation.attribute)).toEqual(['relatedArticles']);
  });
});
