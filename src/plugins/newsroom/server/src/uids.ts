import type { UID } from '@strapi/strapi';

/** The app's content types the newsroom plugin reads and writes: named once, here. */
export const ARTICLE_UID = 'api::article.article' satisfies UID.ContentType;
export const TEASER_UID = 'api::teaser.teaser' satisfies UID.ContentType;
export const CATEGORY_UID = 'api::category.category' satisfies UID.ContentType;
export const AUTHOR_UID = 'api::author.author' satisfies UID.ContentType;
