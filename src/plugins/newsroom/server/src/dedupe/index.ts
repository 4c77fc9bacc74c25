export { normaliseForMatch, normalisedTextHash } from './normalise';
export { fingerprintArticle, siteArticleKey, MIN_DISTINCTIVE_LINE } from './fingerprint';
export type { ArticleFingerprint, FingerprintInput } from './fingerprint';
export { railCardKeys, editorialCardKey } from './teaser-keys';
export type { CardLike } from './teaser-keys';
export { decideMerge, isMoreComplete } from './merge';
export type { ArticleCopy, MergeDecision, MergeableField } from './merge';
export { cleanBodyLines } from './clean-body';
export type { CleanBodyInput, CleanBodyResult, CleanReason, RemovedLine } from './clean-body';
