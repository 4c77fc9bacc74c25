import { blocksToLines, keepBlockLines } from '../blocks';
import { outcomeOf } from '../context/write-params';
import { cleanBodyLines, type RemovedLine } from '../dedupe';
import { MAX_REMOVED_CHROME } from '../services/story';
import { getPluginService } from '../utils/plugin';
import { ARTICLE_UID } from '../uids';
import { isWrite, type MiddlewareFactory, type WriteParams } from './types';

interface StoredArticle {
  title?: string | null;
  dek?: string | null;
  removedChrome?: unknown;
}

const noted = (entry: unknown) => JSON.stringify(entry);

/**
 * Strips site chrome from an article body written by any route (an editor pasting a whole scrape in
 * the admin, a REST or GraphQL create, an import): a pasted "The Latest" block and all after it,
 * RELATED CONTENT lines (they become related-article links), the head a scrape puts above the
 * article, and lines the boilerplate ledger knows. Kept blocks are stored exactly as written; what
 * went is listed in the private `removedChrome` field for editors. Then the body's lines are
 * counted in the ledger. Idempotent: a clean body passes unchanged.
 */
export const cleanArticleBody: MiddlewareFactory = ({ strapi }) =>
  async function cleanArticleBodyMiddleware(ctx, next) {
    if (ctx.uid !== ARTICLE_UID || !isWrite(ctx)) return next();
    const params = ctx.params as WriteParams;
    const data = params.data;
    if (!data || !Array.isArray(data.body)) return next();

    let stored: StoredArticle | null = null;
    if (ctx.action === 'update' && params.documentId) {
      stored = (await strapi.db.query(ARTICLE_UID).findOne({
        where: { documentId: params.documentId, publishedAt: null },
        select: ['title', 'dek', 'removedChrome'],
      })) as StoredArticle | null;
    }
    const title = typeof data.title === 'string' ? data.title : (stored?.title ?? null);
    const dek = typeof data.dek === 'string' ? data.dek : (stored?.dek ?? null);

    const boilerplate = getPluginService(strapi, 'boilerplate');
    const cleaned = cleanBodyLines({ lines: blocksToLines(data.body), title, dek, ...(await boilerplate.currentKeys()) });
    if (cleaned.removed.length > 0) {
      data.body = keepBlockLines(data.body, cleaned.keptByLine);
      data.removedChrome = mergeRemoved(stored?.removedChrome ?? data.removedChrome, cleaned.removed);
    }
    if (cleaned.related.length > 0) await linkRelated(data, cleaned.related, params.documentId);

    const result = await next();
    const outcome = outcomeOf(params);
    // A copy merged into its story without changing it leaves the story's body, whose lines were
    // counted when it was written.
    if (outcome?.action === 'merged' && !outcome.changed) return result as Awaited<ReturnType<typeof next>>;
    const documentId = (result as { documentId?: string } | null)?.documentId;
    if (documentId) await boilerplate.recordLines(documentId, cleaned.lines);
    return result as Awaited<ReturnType<typeof next>>;

    async function linkRelated(target: Record<string, unknown>, titles: string[], selfDocumentId?: string) {
      const { found, pending } = await getPluginService(strapi, 'related').resolveTitles(titles, selfDocumentId);
      if (found.length > 0) {
        const given = target.relatedArticles;
        if (given === undefined || given === null) target.relatedArticles = found;
        else if (Array.isArray(given)) target.relatedArticles = [...new Set([...given, ...found])];
        else if (typeof given === 'object') {
          const relation = given as { connect?: unknown[] };
          relation.connect = [...(Array.isArray(relation.connect) ? relation.connect : []), ...found];
        }
      }
      if (pending.length > 0) {
        const waiting = Array.isArray(target.pendingRelated) ? (target.pendingRelated as string[]) : [];
        target.pendingRelated = [...new Set([...waiting, ...pending])];
      }
    }
  };

/** What an editor sees of earlier removals, plus the new ones, each once, the newest kept. */
function mergeRemoved(existing: unknown, removed: RemovedLine[]): RemovedLine[] {
  const before = Array.isArray(existing) ? (existing as RemovedLine[]) : [];
  const seen = new Set(before.map(noted));
  const added = removed.filter((entry) => !seen.has(noted(entry)));
  return [...before, ...added].slice(-MAX_REMOVED_CHROME);
}
