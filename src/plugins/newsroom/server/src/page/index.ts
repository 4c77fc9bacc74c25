/**
 * The page reader: pure TypeScript, no Strapi, so it can be unit-tested alone and reused by the
 * ingest service, the CLI and the admin upload alike.
 */
export { readPage, type ReadPageOptions } from './read-page';
export { countLines, decodePage } from './normalise-text';
export { articleFieldsOf, type PageOrigin } from './article-fields';
export { PageError, MAX_PAGE_BYTES, DEFAULT_MAX_PAGE_LINES } from './page-error';
export { authorBoxOf, nameFromCaption, readBioOpening, type AuthorBox } from './author-box';
export type { PageErrorCode } from './page-error';
export type {
  CardKind,
  ChromeReason,
  LedgerEntry,
  LineRole,
  PageImage,
  PageShape,
  ParsedPage,
  RailCard,
} from './types';
