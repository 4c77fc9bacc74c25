import type { Core } from '@strapi/strapi';
import { getPluginService } from '../utils/plugin';

interface WrittenArticle {
  documentId: string;
  title?: string | null;
  dek?: string | null;
  sponsor?: string | null;
}

/**
 * After an article is written with a title or a dek: remember its title for RELATED CONTENT lines,
 * link the articles that were waiting for it, note the titles it still waits for, and link its own
 * rail card (the card whose text is its dek).
 */
export async function linkStory(strapi: Core.Strapi, article: WrittenArticle, data: Record<string, unknown>): Promise<void> {
  if (typeof data.title !== 'string' && typeof data.dek !== 'string') return;
  const related = getPluginService(strapi, 'related');
  const { documentId } = article;
  // One commit for all of it (each commit is a sync to disk on SQLite); none of these writes can
  // fail on a unique key (keys are claimed with ON CONFLICT DO NOTHING).
  await strapi.db.transaction(async () => {
    if (typeof article.title === 'string') {
      await related.rememberTitle(documentId, article.title);
      await related.resolveWaiting(documentId, article.title);
    }
    const pending = Array.isArray(data.pendingRelated) ? (data.pendingRelated as string[]) : [];
    if (pending.length > 0) await related.waitFor(documentId, pending);
    // A sponsored article's dek is its sponsor label, which is no blurb of its own.
    if (!article.sponsor) await getPluginService(strapi, 'teasers').linkCardToArticle(article.dek ?? null, documentId);
  });
}
