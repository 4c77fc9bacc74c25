import { normalisedTextHash } from './normalise';

export interface CardLike {
  text: string;
  kind: 'editorial' | 'sponsored' | 'blank';
}

/**
 * The identity of every card in one observed rail, in order.
 *
 * An editorial card is its blurb: the same text on any page is the same teaser. A sponsored card's
 * text is only its sponsor's label, which many different sponsored stories share, and a blank card
 * has no text at all; such a card is known instead by its label and the editorial cards around it
 * in that rail. Reading the same rail again gives the same keys; another sponsored story under the
 * same label, elsewhere in the timeline, gets another key.
 */
export function railCardKeys(cards: readonly CardLike[]): string[] {
  const editorialBefore: (string | null)[] = [];
  let last: string | null = null;
  for (const card of cards) {
    editorialBefore.push(last);
    if (card.kind === 'editorial' && card.text.trim() !== '') last = normalisedTextHash(card.text);
  }
  const editorialAfter: (string | null)[] = new Array(cards.length).fill(null);
  let next: string | null = null;
  for (let i = cards.length - 1; i >= 0; i -= 1) {
    editorialAfter[i] = next;
    if (cards[i].kind === 'editorial' && cards[i].text.trim() !== '') next = normalisedTextHash(cards[i].text);
  }
  return cards.map((card, i) => {
    if (card.kind === 'editorial') return editorialCardKey(card.text);
    const around = `${editorialBefore[i] ?? '-'}:${editorialAfter[i] ?? '-'}`;
    return card.kind === 'sponsored' ? `s:${normalisedTextHash(card.text)}:${around}` : `b:${around}`;
  });
}

export function editorialCardKey(text: string): string {
  return `e:${normalisedTextHash(text)}`;
}
