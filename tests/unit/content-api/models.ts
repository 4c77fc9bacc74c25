import type { ModelLookup, ModelShape } from '../../../src/plugins/newsroom/server/src/content-api/model';

/** The newsroom's content types, as far as the content-API guards read them. */
const MODELS: Record<string, ModelShape> = {
  'api::category.category': {
    draftAndPublish: false,
    attributes: { name: { type: 'string' }, articles: { type: 'relation', relation: 'oneToMany', target: 'api::article.article' } },
  },
  'api::article.article': {
    draftAndPublish: true,
    attributes: {
      title: { type: 'string' },
      category: { type: 'relation', relation: 'manyToOne', target: 'api::category.category' },
      relatedArticles: { type: 'relation', relation: 'manyToMany', target: 'api::article.article' },
      teaser: { type: 'relation', relation: 'oneToOne', target: 'api::teaser.teaser' },
      sources: { type: 'component', component: 'news.source', repeatable: true },
    },
  },
  'api::teaser.teaser': {
    draftAndPublish: false,
    attributes: { text: { type: 'text' }, article: { type: 'relation', relation: 'oneToOne', target: 'api::article.article' } },
  },
  'news.source': { draftAndPublish: false, attributes: { url: { type: 'string' } } },
};
export const lookup: ModelLookup = (uid) => MODELS[uid];
