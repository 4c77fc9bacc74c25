export { linesToBlocks, blocksToLines, keepBlockLines } from './blocks';
export type { BodyBlock, ParagraphBlock, ListBlock, ListItemBlock, TextNode } from './blocks';
