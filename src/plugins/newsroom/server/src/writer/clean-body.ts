import type { Core } from '@strapi/strapi';
import { blocksToLines, keepBlockLines } from '../blocks';
import { cleanBodyLines, type RemovedLine } from '../dedupe';
import { authorBoxOf } from '../page';
import { getPluginService } from '../utils/plugin';
import type { StoredDraft } from './stored-draft';

/** How many removed chrome lines an article keeps for the editor to see (the newest). */
const MAX_REMOVED_CHROME = 200;

const noted = (entry: unknown) => JSON.stringify(entry);

/** What an editor sees of earlier removals, plus the new ones, each once, the newest kept. */
export function mergeRemoved(existing: unknown, removed: readonly RemovedLine[]): RemovedLine[] {
  const before = Array.isArray(existing) ? (existing as RemovedLine[]) : [];
  const seen = new Set(before.map(noted));
  const added = removed.filter((entry) => !seen.has(noted(entry)));
  return [...before, ...added].slice(-MAX_REMOVED_CHROME);
}

/**
 * Strips site chrome from a written body (an editor pasting a whole scrape, a REST or GraphQL
 * create, an import): a pasted "The Latest" block and all after it, RELATED CONTENT lines (they
 * become related-article links), the head a scrape puts above the article, and lines the
 * boilerplate ledger knows, and a columnist's author box (its author is linked to the article). Kept
 * blocks stay exactly as written; what went is listed in the private `removedChrome` field. Answers
 * the body's lines for the ledger, or null when no body is written.
 * Idempotent: a clean body passes unchanged.
 */
export async function cleanArticleBody(
  strapi: Core.Strapi,
  data: Record<string, unknown>,
  stored: StoredDraft | null,
  documentId?: string
): Promise<string[] | null> {
  if (!Array.isArray(data.body)) return null;
  const title = typeof data.title === 'string' ? data.title : (stored?.title ?? null);
  const dek = typeof data.dek === 'string' ? data.dek : (stored?.dek ?? null);
  const boilerplate = getPluginService(strapi, 'boilerplate');
  const cleaned = cleanBodyLines({ lines: blocksToLines(data.body), title, dek, ...(await boilerplate.currentKeys()) });
  if (cleaned.removed.length > 0) {
    data.body = keepBlockLines(data.body, cleaned.keptByLine);
    data.removedChrome = mergeRemoved(stored?.removedChrome ?? data.removedChrome, cleaned.removed);
  }
  if (cleaned.related.length > 0) await linkRelatedTitles(strapi, data, cleaned.related, documentId);
  await linkAuthorOfBox(strapi, data, cleaned.removed);
  return cleaned.lines;
}

/** The author a removed author box names becomes one of the article's authors (found or created). */
async function linkAuthorOfBox(strapi: Core.Strapi, data: Record<string, unknown>, removed: readonly RemovedLine[]) {
  const caption = removed.find((entry) => entry.reason === 'headshot')?.line ?? null;
  const bio = removed.filter((entry) => entry.reason === 'bio-box').map((entry) => entry.line);
  const box = caption !== null || bio.length > 0 ? authorBoxOf(caption, bio) : null;
  if (!box) return;
  const { documentId } = await getPluginService(strapi, 'authors').findOrCreate(box);
  data.authors = withDocument(data.authors, documentId);
}

const documentIdOf = (entry: unknown) => (typeof entry === 'string' ? entry : (entry as { documentId?: unknown } | null)?.documentId);

/**
 * A relation's value with one more document: connected when none was sent (an update keeps the
 * authors the article has), added to a list or `set` the write sends, and never against the
 * write's own `disconnect` of it.
 */
function withDocument(given: unknown, documentId: string): unknown {
  const lists = (entries: unknown) => Array.isArray(entries) && entries.some((entry) => documentIdOf(entry) === documentId);
  if (given === undefined || given === null) return { connect: [documentId] };
  if (Array.isArray(given)) return lists(given) ? given : [...given, documentId];
  if (typeof given !== 'object') return given;
  const relation = given as { set?: unknown[]; connect?: unknown[]; disconnect?: unknown[] };
  if (lists(relation.disconnect)) return given;
  if (Array.isArray(relation.set)) return lists(relation.set) ? given : { ...relation, set: [...relation.set, documentId] };
  return lists(relation.connect) ? given : { ...relation, connect: [...(Array.isArray(relation.connect) ? relation.connect : []), documentId] };
}
/** RELATED CONTENT titles become links to stored articles, or waits for articles still to come. */
async function linkRelatedTitles(strapi: Core.Strapi, data: Record<string, unknown>, titles: string[], selfDocumentId?: string) {
  const { found, pending } = await getPluginService(strapi, 'related').resolveTitles(titles, selfDocumentId);
  if (found.length > 0) {
    const given = data.relatedArticles;
    if (given === undefined || given === null) data.relatedArticles = found;
    else if (Array.isArray(given)) data.relatedArticles = [...new Set([...given, ...found])];
    else if (typeof given === 'object') {
      const relation = given as { connect?: unknown[] };
      relation.connect = [...(Array.isArray(relation.connect) ? relation.connect : []), ...found];
    }
  }
  if (pending.length > 0) {
    const waiting = Array.isArray(data.pendingRelated) ? (data.pendingRelated as string[]) : [];
    data.pendingRelated = [...new Set([...waiting, ...pending])];
  }
}
