export { normaliseForMatch, matchKey } from './normalise';
export { fingerprintArticle, isSameStory, siteArticleKey, MIN_DISTINCTIVE_LINE } from './fingerprint';
export type { ArticleFingerprint, FingerprintInput } from './fingerprint';
export { railCardKeys, editorialCardKey } from './card-key';
export type { CardLike } from './card-key';
export { decideMerge, isMoreComplete } from './merge';
export type { ArticleCopy, MergeDecision, MergeableField } from './merge';
export { cleanBodyLines } from './clean-body';
export type { CleanBodyInput, CleanBodyResult, CleanReason, RemovedLine } from './clean-body';
