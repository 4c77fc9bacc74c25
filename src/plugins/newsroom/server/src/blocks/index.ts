export { linesToBlocks, blocksToLines, keepBlockLines } from './blocks';
export type { BodyBlock, ParagraphBlock, ListBlock, ListItemBlock, TextNode } from './blocks';
export { canonicalUrlOf, countWords, excerptOf, readingFieldsOf, readingMinutes, EXCERPT_MAX_LENGTH, WORDS_PER_MINUTE } from './reading-fields';
export type { ReadingFields } from './reading-fields';
