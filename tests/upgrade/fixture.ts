import fs from 'fs';
import path from 'path';

/** The databases an earlier version wrote, and what that version read from them (see README.md). */
export const UPGRADE_FIXTURE_DIR = path.join(__dirname, 'fixture');

/** What the manifest records of a published article. */
export interface ArticleRecord {
  documentId: string;
  slug: string;
  title: string;
  category: string | null;
  authors: string[];
  wordCount: number;
}

export interface UpgradeManifest {
  articles: ArticleRecord[];
  draft: { documentId: string; title: string };
  rail: RailRecord[];
  pinned: string;
  hidden: string;
  keptLine: string;
  deliveries: number;
  lastSequence: number;
}

export function readUpgradeManifest(client: 'sqlite' | 'postgres'): UpgradeManifest {
  return JSON.parse(fs.readFileSync(path.join(UPGRADE_FIXTURE_DIR, `${client}.json`), 'utf8')) as UpgradeManifest;
}

/** The published articles with their category and authors, in one page. */
export const ARTICLES_QUERY = '/api/articles?sort=slug&pagination[pageSize]=40&populate[category][fields][0]=slug&populate[authors][fields][0]=name';

/** An article of GET ARTICLES_QUERY as the manifest records it. */
export function articleRecord(article: Record<string, unknown>): ArticleRecord {
  return {
    documentId: article.documentId as string,
    slug: article.slug as string,
    title: article.title as string,
    category: (article.category as { slug: string } | null)?.slug ?? null,
    authors: ((article.authors as Array<{ name: string }>) ?? []).map((author) => author.name).sort(),
    wordCount: article.wordCount as number,
  };
}

export interface RailRecord {
  text: string;
  article: string | null;
}

/** The cards of a GET /api/latest-rail body as the manifest records them. */
export function railRecords(body: { data: { cards: Array<{ text: string; article: { documentId: string } | null }> } }): RailRecord[] {
  return body.data.cards.map((card) => ({ text: card.text, article: card.article?.documentId ?? null }));
}
