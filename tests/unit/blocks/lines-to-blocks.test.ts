import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BlocksRenderer, type BlocksContent } from '@strapi/blocks-react-renderer';
import { blocksToLines, linesToBlocks } from '../../../src/plugins/newsroom/server/src/blocks';

/** The body as a frontend renders it, with the renderer frontends use. */
const html = (lines: string[]) => renderToStaticMarkup(createElement(BlocksRenderer, { content: linesToBlocks(lines) as unknown as BlocksContent }));

describe('linesToBlocks', () => {
  it('turns a run of numbered lines into an ordered list whose items carry no number of their own', () => {
    const blocks = linesToBlocks(['The winners:', '1. Halvorsen Gem Labs opens in Antwerp', '2) Bellwood & Crane shows signets', 'That was the list.']);
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'The winners:' }] },
      {
        type: 'list',
        format: 'ordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'Halvorsen Gem Labs opens in Antwerp' }] },
          { type: 'list-item', children: [{ type: 'text', text: 'Bellwood & Crane shows signets' }] },
        ],
      },
      { type: 'paragraph', children: [{ type: 'text', text: 'That was the list.' }] },
    ]);
  });

  it.each([['- '], ['• '], ['– '], ['* ']])('turns lines marked %j into an unordered list without the marker', (marker) => {
    const blocks = linesToBlocks([`${marker}Authenticity – formed deep underground`, `${marker}Rarity – a few mines`]);
    expect(blocks).toEqual([
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'Authenticity – formed deep underground' }] },
          { type: 'list-item', children: [{ type: 'text', text: 'Rarity – a few mines' }] },
        ],
      },
    ]);
  });

  it('keeps a single numbered line, and a change of list kind, as written', () => {
    expect(linesToBlocks(['1. Demand rose in the spring.'])).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: '1. Demand rose in the spring.' }] }]);
    const mixed = linesToBlocks(['1. First', '- Second']);
    expect(mixed.map((block) => block.type)).toEqual(['paragraph', 'paragraph']);
    expect(linesToBlocks(['2023 was a good year.', '2024 was better.']).map((block) => block.type)).toEqual(['paragraph', 'paragraph']);
  });

  it('reads back as its item texts', () => {
    expect(blocksToLines(linesToBlocks(['Intro', '1. One', '2. Two']))).toEqual(['Intro', 'One', 'Two']);
  });

  it('renders each list marker once with @strapi/blocks-react-renderer', () => {
    const ordered = html(['1. Halvorsen Gem Labs opens in Antwerp', '2. Bellwood & Crane shows signets']);
    expect(ordered).toBe('<ol><li>Halvorsen Gem Labs opens in Antwerp</li><li>Bellwood &amp; Crane shows signets</li></ol>');
    const unordered = html(['- Authenticity', '- Rarity']);
    expect(unordered).toBe('<ul><li>Authenticity</li><li>Rarity</li></ul>');
  });
});
