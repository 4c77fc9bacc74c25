import type { Schema, Struct } from '@strapi/strapi';

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
      'news.source': NewsSource;
    }
  }
}
