import {
  GRAPHQL_OPERATORS,
  requirePublishedRelations,
  requirePublishedRelationsInPopulate,
} from '../../../src/plugins/newsroom/server/src/content-api/published-relations';
import { lookup } from './models';

const PUBLISHED = { publishedAt: { $notNull: true } };

describe('requirePublishedRelations', () => {
  it('adds a published condition under every relation to a draft-and-publish type', () => {
    expect(requirePublishedRelations({ articles: { title: { $containsi: 'Embargo' } } }, 'api::category.category', lookup)).toEqual({
      articles: { $and: [{ title: { $containsi: 'Embargo' } }, PUBLISHED] },
    });
  });

  it('reaches relations inside logical operators and nested relations, and leaves the rest alone', () => {
    const filters = {
      name: { $eq: 'Industry' },
      $or: [{ articles: { relatedArticles: { title: 'x' } } }],
      $not: { articles: { title: 'y' } },
    };
    expect(requirePublishedRelations(filters, 'api::category.category', lookup)).toEqual({
      name: { $eq: 'Industry' },
      $or: [{ articles: { $and: [{ relatedArticles: { $and: [{ title: 'x' }, PUBLISHED] } }, PUBLISHED] } }],
      $not: { articles: { $and: [{ title: 'y' }, PUBLISHED] } },
    });
  });

  it('leaves relations to types without drafts as they are', () => {
    expect(requirePublishedRelations({ category: { name: 'Industry' } }, 'api::article.article', lookup)).toEqual({ category: { name: 'Industry' } });
  });

  it('writes GraphQL operators for GraphQL filters', () => {
    expect(requirePublishedRelations({ articles: { title: { containsi: 'a' } } }, 'api::category.category', lookup, GRAPHQL_OPERATORS)).toEqual({
      articles: { and: [{ title: { containsi: 'a' } }, { publishedAt: { notNull: true } }] },
    });
  });

  it('rewrites the filters inside a populate at any depth', () => {
    const populate = { articles: { filters: { relatedArticles: { title: 'x' } }, populate: { relatedArticles: { filters: { relatedArticles: { title: 'z' } } } } } };
    expect(requirePublishedRelationsInPopulate(populate, 'api::category.category', lookup)).toEqual({
      articles: {
        filters: { relatedArticles: { $and: [{ title: 'x' }, PUBLISHED] } },
        populate: { relatedArticles: { filters: { relatedArticles: { $and: [{ title: 'z' }, PUBLISHED] } } } },
      },
    });
    expect(requirePublishedRelationsInPopulate('*', 'api::category.category', lookup)).toBe('*');
  });
});
