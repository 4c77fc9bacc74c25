export { linesToBlocks, blocksToLines } from './blocks';
export type { BodyBlock, ParagraphBlock, ListBlock, ListItemBlock, TextNode } from './blocks';
