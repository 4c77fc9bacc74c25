import type { Schema, Struct } from '@strapi/strapi';

export interface NewsSeo extends Struct.ComponentSchema {
  collectionName: 'components_news_seos';
  info: {
    description: "What search engines and share cards show. An empty field takes the article's own value (title, dek or excerpt, image caption) when the article is saved.";
    displayName: 'SEO';
    icon: 'search';
  };
  attributes: {
    metaDescription: Schema.Attribute.Text;
    metaTitle: Schema.Attribute.Text;
    shareImageCaption: Schema.Attribute.Text;
  };
}

export interface NewsSource extends Struct.ComponentSchema {
  collectionName: 'components_news_sources';
  info: {
    description: 'Where a copy of the story was read from: a URL or a file (seen by editors only), and when.';
    displayName: 'Source';
    icon: 'link';
  };
  attributes: {
    fetchedAt: Schema.Attribute.DateTime;
    file: Schema.Attribute.String & Schema.Attribute.Private;
    url: Schema.Attribute.String;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'news.seo': NewsSeo;
      'news.source': NewsSource;
    }
  }
}
