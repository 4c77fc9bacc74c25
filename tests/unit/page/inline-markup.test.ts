import { linesToBlocks } from '../../../src/plugins/newsroom/server/src/blocks';
import { hasOnlyLinkMarkup, markupText, readInlineMarkup } from '../../../src/plugins/newsroom/server/src/page/inline-markup';

describe('markup inside scraped text', () => {
  it('reads an http(s) link as a link run, with the text around it', () => {
    expect(readInlineMarkup('Click <a href="https://example.com/issue/2018" target="_blank">here</a> to read the full story.')).toEqual([
      { text: 'Click ' },
      { text: 'here', url: 'https://example.com/issue/2018' },
      { text: ' to read the full story.' },
    ]);
    expect(readInlineMarkup("See <a href='http://example.com/a?b=1&amp;c=2'>the list</a>.")).toEqual([{ text: 'See ' }, { text: 'the list', url: 'http://example.com/a?b=1&c=2' }, { text: '.' }]);
  });

  it('keeps only http(s) URLs as links: any other link is its text', () => {
    expect(readInlineMarkup('<a href="javascript:alert(1)">Win</a> a prize')).toEqual([{ text: 'Win a prize' }]);
    expect(readInlineMarkup('Write to <a href="mailto:desk@example.com">the desk</a>.')).toEqual([{ text: 'Write to the desk.' }]);
    expect(readInlineMarkup('<a>no address</a> here')).toEqual([{ text: 'no address here' }]);
  });

  it('drops any other tag and keeps its text, entities decoded', () => {
    expect(readInlineMarkup('Prices <b>rose</b>&nbsp;5% at <i>Smith &amp; Sons</i>.')).toEqual([{ text: 'Prices rose 5% at Smith & Sons.' }]);
    expect(markupText('Click <a href="https://example.com/x">here</a> now.')).toBe('Click here now.');
  });

  it('tells a line whose only markup is links', () => {
    expect(hasOnlyLinkMarkup('Click <a href="https://example.com/x">here</a>.')).toBe(true);
    expect(hasOnlyLinkMarkup('<b>Click</b> <a href="https://example.com/x">here</a>.')).toBe(false);
    expect(hasOnlyLinkMarkup('No markup at all.')).toBe(false);
  });

  it('becomes a paragraph with a link node in the stored body, in list items too', () => {
    expect(linesToBlocks(['Click <a href="https://example.com/x">here</a> now.'])).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Click ' },
          { type: 'link', url: 'https://example.com/x', children: [{ type: 'text', text: 'here' }] },
          { type: 'text', text: ' now.' },
        ],
      },
    ]);
    expect(linesToBlocks(['- <a href="https://example.com/a">First</a>', '- Second'])).toEqual([
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [{ type: 'link', url: 'https://example.com/a', children: [{ type: 'text', text: 'First' }] }] },
          { type: 'list-item', children: [{ type: 'text', text: 'Second' }] },
        ],
      },
    ]);
    // Text without markup is stored as it was read, even with angle brackets in it.
    expect(linesToBlocks(['Prices rose 5 < 6 > 4 times.'])).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'Prices rose 5 < 6 > 4 times.' }] }]);
  });
});
