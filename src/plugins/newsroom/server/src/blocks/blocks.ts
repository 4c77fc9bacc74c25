/**
 * Article bodies are stored as Strapi "blocks" (the rich-text JSON that
 * @strapi/blocks-react-renderer draws). Pages give us plain lines; these two functions convert
 * between the two without touching the words: a line's text is stored exactly as it was read.
 */
export interface TextNode {
  type: 'text';
  text: string;
}
export interface ParagraphBlock {
  type: 'paragraph';
  children: TextNode[];
}
export interface ListItemBlock {
  type: 'list-item';
  children: TextNode[];
}
export interface ListBlock {
  type: 'list';
  format: 'ordered' | 'unordered';
  children: ListItemBlock[];
}
export type BodyBlock = ParagraphBlock | ListBlock;

// "1. Demand for ..." or "12) ..." opens an ordered list item; "• " or "- " an unordered one.
const ORDERED_ITEM = /^\s*\d{1,3}[.)]\s+\S/;
const UNORDERED_ITEM = /^\s*[•\-–*]\s+\S/;

function listFormatOf(line: string): ListBlock['format'] | null {
  if (ORDERED_ITEM.test(line)) return 'ordered';
  if (UNORDERED_ITEM.test(line)) return 'unordered';
  return null;
}

const text = (value: string): TextNode[] => [{ type: 'text', text: value }];

/**
 * Paragraph per line; runs of two or more list-item lines of one format become a list. A single
 * numbered line stays a paragraph: "2023 was a good year." must not become a list. List items keep
 * their own marker text ("1. ...") so the reading text is unchanged.
 */
export function linesToBlocks(lines: readonly string[]): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const format = listFormatOf(lines[index]);
    let end = index + 1;
    if (format) while (end < lines.length && listFormatOf(lines[end]) === format) end += 1;
    if (format && end - index >= 2) {
      blocks.push({
        type: 'list',
        format,
        children: lines.slice(index, end).map((line) => ({ type: 'list-item', children: text(line) })),
      });
      index = end;
    } else {
      blocks.push({ type: 'paragraph', children: text(lines[index]) });
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
