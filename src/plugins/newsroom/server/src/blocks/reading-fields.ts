import { blocksToLines } from './blocks';

/** What a page template shows beside a story that follows from its body: its length and its opening. */
export interface ReadingFields {
  wordCount: number;
  /** Whole minutes, at least 1 for any text (see readingMinutes). */
  readingTime: number;
  /** The first paragraph's opening, cut at a word boundary; null for a body with no paragraph. */
  excerpt: string | null;
}

/** Ghost's reading rate. */
export const WORDS_PER_MINUTE = 275;
/** Ghost adds 12 seconds for an article's first image. */
const IMAGE_SECONDS = 12;
export const EXCERPT_MAX_LENGTH = 300;

/** A word is a run of non-space characters with a letter or a digit in it ("—" alone is not). */
export function countWords(lines: readonly string[]): number {
  let words = 0;
  for (const line of lines) for (const token of line.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) words += 1;
  return words;
}

/** Ghost's rule: words at 275 a minute, plus 12 seconds for an image, rounded, never under a minute. */
export function readingMinutes(wordCount: number, hasImage: boolean): number {
  if (wordCount === 0 && !hasImage) return 0;
  const seconds = (wordCount / WORDS_PER_MINUTE) * 60 + (hasImage ? IMAGE_SECONDS : 0);
  return Math.max(1, Math.round(seconds / 60));
}

/** The text whole when it fits; else cut at the last space that leaves room for "…". */
export function excerptOf(text: string, maxLength = EXCERPT_MAX_LENGTH): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed.length <= maxLength) return trimmed;
  const room = trimmed.slice(0, maxLength - 1);
  const space = room.lastIndexOf(' ');
  const cut = (space > 0 ? room.slice(0, space) : room).replace(/[\s,;:–—-]+$/, '');
  return `${cut}…`;
}

/** The reading fields of a blocks body (as stored), for an article with or without an image. */
export function readingFieldsOf(body: unknown, hasImage: boolean): ReadingFields {
  const wordCount = countWords(blocksToLines(body));
  const firstParagraph = Array.isArray(body) ? body.find((block) => (block as { type?: string } | null)?.type === 'paragraph' && blocksToLines([block])[0]?.trim()) : undefined;
  return {
    wordCount,
    readingTime: readingMinutes(wordCount, hasImage),
    excerpt: firstParagraph ? excerptOf(blocksToLines([firstParagraph])[0]) : null,
  };
}

/** The story's public address: the first source read from an http(s) URL, or null. */
export function canonicalUrlOf(sources: unknown): string | null {
  if (!Array.isArray(sources)) return null;
  for (const source of sources) {
    const url = (source as { url?: unknown } | null)?.url;
    if (typeof url === 'string' && /^https?:\/\/\S+$/i.test(url.trim())) return url.trim();
  }
  return null;
}
