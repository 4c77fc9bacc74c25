import { readPage } from '../../src/plugins/newsroom/server/src/page';
import { normaliseCardText } from '../../src/plugins/newsroom/server/src/rail';

/** The body of GET /api/latest-rail (and of GraphQL latestRail). */
export interface RailData {
  version: number;
  assembledAt: string;
  cards: Array<{
    position: number;
    text: string;
    kind: 'editorial' | 'sponsored';
    sponsor: string | null;
    article: { documentId: string; slug: string | null; title: string } | null;
  }>;
}

/** The editorial cards pages showed, newest page first, blank cards dropped, each text once. */
export function observedOrder(pageTexts: string[]): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  for (const text of pageTexts) {
    for (const card of readPage(text).rail) {
      if (card.kind !== 'editorial' || card.text.trim() === '') continue;
      const key = normaliseCardText(card.text);
      if (seen.has(key)) continue;
      seen.add(key);
      order.push(card.text.trim());
    }
  }
  return order;
}

