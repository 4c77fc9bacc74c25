import { hasOnlyLinkMarkup, readInlineMarkup } from '../page/inline-markup';

/**
 * Article bodies are stored as Strapi "blocks" (the rich-text JSON that
 * @strapi/blocks-react-renderer draws). Pages give us plain lines; these functions convert between
 * the two without touching the words: a line's text is stored as it was read, less the marker of a
 * list item, which becomes the list's own; a scraped line whose only markup is links becomes text
 * and link nodes (only http(s) URLs stay links). Other markup stays as the page had it.
 */
export interface TextNode {
  type: 'text';
  text: string;
}
export interface LinkNode {
  type: 'link';
  url: string;
  children: TextNode[];
}
export type InlineNode = TextNode | LinkNode;
export interface ParagraphBlock {
  type: 'paragraph';
  children: InlineNode[];
}
export interface ListItemBlock {
  type: 'list-item';
  children: InlineNode[];
}
export interface ListBlock {
  type: 'list';
  format: 'ordered' | 'unordered';
  children: ListItemBlock[];
}
export type BodyBlock = ParagraphBlock | ListBlock;

// "1. Demand for ..." or "12) ..." opens an ordered list item; "• ", "- ", "– " or "* " an
// unordered one. The marker is list structure, not text: a renderer draws its own.
const ORDERED_ITEM = /^\s*\d{1,3}[.)]\s+(?=\S)/;
const UNORDERED_ITEM = /^\s*[•\-–*]\s+(?=\S)/;

function listItemOf(line: string): { format: ListBlock['format']; text: string } | null {
  const ordered = ORDERED_ITEM.exec(line);
  if (ordered) return { format: 'ordered', text: line.slice(ordered[0].length) };
  const unordered = UNORDERED_ITEM.exec(line);
  if (unordered) return { format: 'unordered', text: line.slice(unordered[0].length) };
  return null;
}

const text = (value: string): TextNode[] => [{ type: 'text', text: value }];

/** A line's inline nodes: its text, or, when its only markup is links, its text and links as a reader sees them. */
function inline(value: string): InlineNode[] {
  if (!hasOnlyLinkMarkup(value)) return text(value);
  const nodes = readInlineMarkup(value).map((piece): InlineNode => (piece.url ? { type: 'link', url: piece.url, children: text(piece.text) } : { type: 'text', text: piece.text }));
  return nodes.length > 0 ? nodes : text('');
}

/**
 * Paragraph per line; runs of two or more list-item lines of one format become a list, each item
 * without its marker ("1. ", "- "), which the list itself now says. A single numbered line stays a
 * paragraph, as written: "1. Demand rose" alone is a sentence, not a list. Strapi's list block has
 * no start number, so a numbered list that starts at 3 renders from 1.
 */
export function linesToBlocks(lines: readonly string[]): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const first = listItemOf(lines[index]);
    const items = first ? [first] : [];
    for (let next = index + 1; first && next < lines.length; next += 1) {
      const item = listItemOf(lines[next]);
      if (!item || item.format !== first.format) break;
      items.push(item);
    }
    if (first && items.length >= 2) {
      blocks.push({ type: 'list', format: first.format, children: items.map((item) => ({ type: 'list-item', children: inline(item.text) })) });
      index += items.length;
    } else {
      blocks.push({ type: 'paragraph', children: inline(lines[index]) });
      index += 1;
    }
  }
  return blocks;
}

interface LooseNode {
  type?: string;
  text?: string;
  children?: LooseNode[];
  url?: string;
}

function nodeText(node: LooseNode): string {
  if (typeof node.text === 'string') return node.text;
  return (node.children ?? []).map(nodeText).join('');
}

/**
 * The reading lines of a blocks value as an editor wrote it anywhere (admin, REST, GraphQL):
 * one line per paragraph, heading, quote or list item. Unknown shapes give their text.
 */
export function blocksToLines(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  const lines: string[] = [];
  for (const block of blocks as LooseNode[]) {
    if (!block || typeof block !== 'object') continue;
    if (block.type === 'list') {
      for (const item of block.children ?? []) lines.push(nodeText(item));
    } else if (block.type === 'code' || block.type === 'image') {
      continue;
    } else {
      lines.push(nodeText(block));
    }
  }
  return lines;
}

/**
 * The blocks value with only the kept reading lines, where `keptByLine[i]` holds the kept pieces of
 * the i-th line of blocksToLines(blocks). A block whose line is kept whole is returned as it was
 * (formatting, links and all); a removed one goes; a line kept in part (pieces of a paragraph that
 * held line breaks) becomes one paragraph per kept piece. A list left with no item goes too.
 */
export function keepBlockLines(blocks: unknown, keptByLine: readonly (readonly string[])[]): unknown[] {
  if (!Array.isArray(blocks)) return [];
  let line = 0;
  const piecesAsBlocks = (pieces: readonly string[]) => pieces.map((piece) => ({ type: 'paragraph', children: text(piece) }));
  const out: unknown[] = [];
  for (const block of blocks as LooseNode[]) {
    if (!block || typeof block !== 'object' || block.type === 'code' || block.type === 'image') {
      out.push(block);
      continue;
    }
    if (block.type === 'list') {
      const items: LooseNode[] = [];
      for (const item of block.children ?? []) {
        const kept = keptByLine[line] ?? [nodeText(item)];
        line += 1;
        if (kept.length === 1 && kept[0] === nodeText(item)) items.push(item);
        else for (const piece of kept) items.push({ type: 'list-item', children: text(piece) });
      }
      if (items.length > 0) out.push({ ...block, children: items });
      continue;
    }
    const original = nodeText(block);
    const kept = keptByLine[line] ?? [original];
    line += 1;
    if (kept.length === 1 && kept[0] === original) out.push(block);
    else out.push(...piecesAsBlocks(kept));
  }
  return out;
}
