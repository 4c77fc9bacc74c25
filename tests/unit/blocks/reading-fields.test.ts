import { canonicalUrlOf, countWords, excerptOf, linesToBlocks, readingFieldsOf, readingMinutes } from '../../../src/plugins/newsroom/server/src/blocks';

describe('reading fields', () => {
  it('counts words with a letter or digit in them, list items included, their markers not', () => {
    expect(countWords(['Halvorsen Gem Labs — opened in 2024.', '  ', '“Three” cheers!'])).toBe(8);
    const body = linesToBlocks(['The winners:', '1. Halvorsen Gem Labs', '2. Bellwood & Crane']);
    expect(readingFieldsOf(body, false).wordCount).toBe(7);
  });

  it('reads at 275 words a minute, 12 seconds more for an image, never under a minute', () => {
    expect(readingMinutes(0, false)).toBe(0);
    expect(readingMinutes(20, false)).toBe(1);
    expect(readingMinutes(412, false)).toBe(1);
    expect(readingMinutes(413, false)).toBe(2);
    // 1.4 minutes of text and an image make 1.6: two minutes.
    expect(readingMinutes(385, true)).toBe(2);
    expect(readingMinutes(385, false)).toBe(1);
  });

  it('takes the first paragraph whole when it fits, and cuts a longer one at a word boundary', () => {
    expect(excerptOf('  Short   opening line. ')).toBe('Short opening line.');
    const long = `${'word '.repeat(70)}end`;
    const excerpt = excerptOf(long);
    expect(excerpt.length).toBeLessThanOrEqual(300);
    expect(excerpt.endsWith('word…')).toBe(true);
    expect(long.startsWith(excerpt.slice(0, -1))).toBe(true);
  });

  it('gives the excerpt of the first paragraph, not of a list before it, and null for a body without one', () => {
    const body = [
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'An item' }] }] },
      { type: 'paragraph', children: [{ type: 'text', text: '' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'The first ' }, { type: 'text', text: 'paragraph.' }] },
    ];
    expect(readingFieldsOf(body, false)).toEqual({ wordCount: 5, readingTime: 1, excerpt: 'The first paragraph.' });
    expect(readingFieldsOf([], false)).toEqual({ wordCount: 0, readingTime: 0, excerpt: null });
    expect(readingFieldsOf('not blocks', true)).toEqual({ wordCount: 0, readingTime: 1, excerpt: null });
  });

  it('takes the first source read from an http(s) URL as the canonical one', () => {
    expect(canonicalUrlOf([{ file: 'page.txt' }, { url: 'ftp://example.com/a' }, { url: 'https://example.com/articles/7311-x' }, { url: 'https://example.com/b' }])).toBe(
      'https://example.com/articles/7311-x'
    );
    expect(canonicalUrlOf([{ file: 'page.txt', url: null }])).toBeNull();
    expect(canonicalUrlOf(undefined)).toBeNull();
  });
});
