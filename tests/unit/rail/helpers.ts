import type { ArticleCandidate, ObservedCard, ObservedRail, RailCard } from '../../../src/plugins/newsroom/server/src/rail';

/** Builders for rail inputs. Every card text in these tests is invented for them. */

export function article(
  documentId: string,
  text: string,
  publishedAt: string,
  extra: Partial<ArticleCandidate> = {},
): ArticleCandidate {
  return {
    documentId,
    slug: `${documentId}-slug`,
    title: `Title of ${documentId}`,
    text,
    dek: null,
    kind: 'editorial',
    sponsor: null,
    publishedAt,
    ...extra,
  };
}

export const ed = (text: string): ObservedCard => ({ text, kind: 'editorial', sponsor: null });
export const sp = (text: string, sponsor: string): ObservedCard => ({ text, kind: 'sponsored', sponsor });
export const blank = (): ObservedCard => ({ text: '', kind: 'blank', sponsor: null });

export function observed(observedAt: string, cards: ObservedCard[]): ObservedRail {
  return { observedAt, cards };
}

/** The texts of a view, in order. */
export const texts = (cards: readonly { text: string }[]): string[] => cards.map((card) => card.text);

/** "position:text" of a view, to check positions and texts together. */
export const positioned = (cards: readonly RailCard[]): string[] => cards.map((card) => `${card.position}:${card.text}`);
