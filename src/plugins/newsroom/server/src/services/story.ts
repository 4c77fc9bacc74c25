import type { Core } from '@strapi/strapi';
import { blocksToLines } from '../blocks';
import { decideMerge, fingerprintArticle, normalisedTextHash, type ArticleCopy, type ArticleFingerprint, type RemovedLine } from '../dedupe';
import { ARTICLE_UID } from '../uids';
import type { WriteHints } from '../context/write-params';
import { getPluginService } from '../utils/plugin';
import { mergeRemoved } from '../writer/clean-body';
import { mostSharedFirst } from './dedupe-keys';
import type { MergedCopy } from './merge-log';

/** The data of an article write, loosely typed: it comes from any route. */
export type ArticleData = Record<string, unknown>;

interface SourceEntry {
  url?: string | null;
  file?: string | null;
  fetchedAt?: string | null;
}

/** What a merge is told besides the copy: its keys (all, and those to claim) and the page it came from. */
export type MergeHints = WriteHints & { publish: boolean; keysToClaim: readonly string[]; copyKeys: readonly string[] };

export interface MergeResult {
  document: Record<string, unknown> & { documentId: string };
  changed: boolean;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The keys a story is known by (see dedupe/fingerprint.ts). */
export function storyKeys(fingerprint: ArticleFingerprint, body: readonly string[]): string[] {
  const keys = fingerprint.lineKeys.map((line) => `l:${fingerprint.titleKey}:${line}`);
  // An empty body says nothing about the story: two such articles only share a title.
  if (body.some((line) => line.trim() !== '')) keys.push(`c:${fingerprint.titleKey}:${normalisedTextHash(body.join('\n'))}`);
  if (fingerprint.siteArticleKey) keys.push(`u:${fingerprint.siteArticleKey}`);
  return keys;
}

function sourcesOf(data: ArticleData): SourceEntry[] {
  return Array.isArray(data.sources) ? (data.sources as SourceEntry[]) : [];
}

const sameSource = (a: SourceEntry, b: SourceEntry) =>
  (a.url && a.url === b.url) || (!a.url && !b.url && a.file && a.file === b.file);

function toCopy(data: ArticleData, truncated: boolean, categoryName: string | null): ArticleCopy {
  return {
    title: str(data.title) ?? '',
    dek: str(data.dek),
    sponsor: str(data.sponsor),
    dateline: str(data.dateline),
    publishedOn: str(data.publishedOn),
    imageCaption: str(data.imageCaption),
    categoryName,
    body: blocksToLines(data.body),
    truncated,
  };
}

/** Whether a stored field still holds what a merge wrote (bodies compared by their lines). */
function sameFieldValue(field: string, current: unknown, wrote: unknown): boolean {
  if (field === 'body') return JSON.stringify(blocksToLines(current)) === JSON.stringify(blocksToLines(wrote));
  return JSON.stringify(current ?? null) === JSON.stringify(wrote ?? null);
}

/** What a merge reads of the stored story beside its own fields. */
const MERGE_POPULATE = {
  category: { select: ['name', 'documentId'] },
  sources: true,
  relatedArticles: { select: ['documentId'] },
  authors: { select: ['documentId'] },
} as const;

/** The fields of a copy a merge keeps, so a split can make the copy an article of its own. */
const COPY_FIELDS = ['title', 'dek', 'sponsor', 'dateline', 'publishedOn', 'imageCaption', 'category', 'body', 'sources', 'removedChrome', 'relatedArticles', 'authors', 'pendingRelated'] as const;

function copyFieldsOf(data: ArticleData): ArticleData {
  const copy: ArticleData = {};
  for (const field of COPY_FIELDS) {
    const value = data[field];
    if (value === undefined || value === null) continue;
    // Relations are kept only as documentIds (ingest's shape); anything else cannot be replayed.
    if (field === 'category' && typeof value !== 'string') continue;
    if ((field === 'relatedArticles' || field === 'authors') && !(Array.isArray(value) && value.every((id) => typeof id === 'string'))) continue;
    copy[field] = field === 'sources' ? sourcesOf(data).map(({ url, file, fetchedAt }) => ({ url, file, fetchedAt })) : value;
  }
  return copy;
}

/** Why a merge cannot be split out; the controller answers 404 for 'not-found', else 409. */
export class SplitRefused extends Error {
  constructor(
    readonly reason: 'not-found' | 'conflict',
    message: string
  ) {
    super(message);
  }
}

export interface SplitOutcome {
  documentId: string;
  title: string;
  slug: string | null;
  status: 'draft' | 'published';
  /** The story the copy left, and which of its fields were put back as they were before the merge. */
  story: { documentId: string; restored: string[] };
}

/** A version read with MERGE_POPULATE, as the document service reads it without populate. */
function withoutPopulated(row: Record<string, unknown> & { documentId: string }) {
  const scalars: Record<string, unknown> = { ...row };
  for (const field of Object.keys(MERGE_POPULATE)) delete scalars[field];
  return scalars as Record<string, unknown> & { documentId: string };
}

/**
 * Article identity and merging: which stored story an incoming copy belongs to, and how the two
 * combine. The story writer calls this for every create, whatever the route.
 */
const storyService = ({ strapi }: { strapi: Core.Strapi }) => {
  const keys = () => getPluginService(strapi, 'dedupeKeys');

  /** mergeInto with the story's lock held: the caller owns the transaction. */
  async function mergeLocked(
    documentId: string,
    incoming: ArticleData,
    hints: MergeHints
  ): Promise<MergeResult> {
    const articles = strapi.documents(ARTICLE_UID);
    // Both versions in one read with the query engine, not two through the document service:
    // this read is a merge's main cost, most merges write nothing, and the rows are what the
    // document service would answer (it adds parameter checks and middlewares, no data).
    type Stored = (Record<string, unknown> & { documentId: string }) | null;
    const versions = (await strapi.db.query(ARTICLE_UID).findMany({
      where: { documentId },
      populate: MERGE_POPULATE,
    })) as Array<Record<string, unknown> & { documentId: string }>;
    const stored: Stored = versions.find((version) => !version.publishedAt) ?? null;
    if (!stored) throw new Error(`The story ${documentId} to merge into no longer exists`);
    // The published version as the document service reads it without populate: no relations or
    // components (it answers a duplicate, below).
    const publishedRow = versions.find((version) => version.publishedAt);
    const published: Stored = publishedRow ? withoutPopulated(publishedRow) : null;

    const storedCategory = (stored.category as { name?: string } | null)?.name ?? null;
    const incomingCategory = typeof incoming.category === 'string' ? incoming.category : null;
    const decision = decideMerge(
      toCopy(stored, stored.truncated === true, storedCategory),
      toCopy(incoming, hints.truncated === true, incomingCategory)
    );

    const update: ArticleData = {};
    if (decision.takeIncomingBody) {
      update.body = incoming.body;
      update.truncated = hints.truncated === true;
    }
    for (const [field, value] of Object.entries(decision.fill)) {
      // categoryName holds the incoming category's documentId: it is only compared for absence.
      if (field === 'categoryName') update.category = value;
      else update[field] = value;
    }

    const storedRelated = new Set(((stored.relatedArticles as { documentId: string }[]) ?? []).map((a) => a.documentId));
    const incomingRelated = (Array.isArray(incoming.relatedArticles) ? incoming.relatedArticles : []).filter(
      (id): id is string => typeof id === 'string' && !storedRelated.has(id) && id !== documentId
    );
    if (incomingRelated.length > 0) update.relatedArticles = { connect: incomingRelated };
    // A copy that names its author (a column's author box) adds them to the story's authors.
    const storedAuthors = new Set(((stored.authors as { documentId: string }[]) ?? []).map((a) => a.documentId));
    const incomingAuthors = (Array.isArray(incoming.authors) ? incoming.authors : []).filter((id): id is string => typeof id === 'string' && !storedAuthors.has(id));
    if (incomingAuthors.length > 0) update.authors = { connect: incomingAuthors };

    const storedPending = Array.isArray(stored.pendingRelated) ? (stored.pendingRelated as string[]) : [];
    const incomingPending = Array.isArray(incoming.pendingRelated) ? (incoming.pendingRelated as string[]) : [];
    const pending = [...new Set([...storedPending, ...incomingPending])];
    if (pending.length !== storedPending.length) update.pendingRelated = pending;

    // Chrome removed from the incoming body concerns the article only when it takes that body
    // (noted once: the same page read again adds none).
    if (decision.takeIncomingBody) {
      const removed = mergeRemoved(stored.removedChrome, Array.isArray(incoming.removedChrome) ? (incoming.removedChrome as RemovedLine[]) : []);
      if (JSON.stringify(removed) !== JSON.stringify(stored.removedChrome ?? [])) update.removedChrome = removed;
    }

    // The article lists the pages whose text it carries: a copy that gave it a body, a field or a
    // related link. A copy that adds nothing is only a duplicate: it goes to the merge log, which
    // lists every copy of the story, and the article is not written again (no new version to
    // publish, no rebuild for static frontends, no rail assembly).
    const storedSources = sourcesOf(stored);
    const newSources = sourcesOf(incoming).filter((source) => !storedSources.some((have) => sameSource(have, source)));
    if (Object.keys(update).length > 0 && newSources.length > 0) {
      update.sources = [...storedSources, ...newSources].map(({ url, file, fetchedAt }) => ({ url, file, fetchedAt }));
    }

    const isPublished = published !== null;
    const changed = Object.keys(update).length > 0;
    const mustPublish = (changed && isPublished) || (hints.publish && !isPublished);
    const wrote = changed || mustPublish;

    // What the merge replaces, so an editor can split the copy back out (story.splitOut); taken
    // before the write, whose steps add to `update` (a slug, say).
    const replaced: ArticleData = {};
    const wroteFields: ArticleData = {};
    for (const [field, value] of Object.entries(update)) {
      if (field === 'relatedArticles') {
        wroteFields.relatedArticles = incomingRelated;
        continue;
      }
      if (field === 'authors') {
        wroteFields.authors = incomingAuthors;
        continue;
      }
      replaced[field] = field === 'category' ? ((stored.category as { documentId?: string } | null)?.documentId ?? null) : (stored[field] ?? null);
      wroteFields[field] = value;
    }
    if (changed) await getPluginService(strapi, 'storyWriter').update({ documentId, data: update });
    if (mustPublish) await articles.publish({ documentId });
    await keys().claim('story', hints.keysToClaim, documentId, { strict: false });

    // A duplicate of a published story is answered with the published version read above.
    const document =
      !wrote && published
        ? published
        : ((await articles.findOne({ documentId, status: isPublished || mustPublish ? 'published' : 'draft' })) as Stored);
    const source = sourcesOf(incoming).map((entry) => entry.url ?? entry.file).find(Boolean) ?? 'direct write (admin, REST or GraphQL)';
    await getPluginService(strapi, 'mergeLog').record({
      documentId,
      title: str(stored.title) ?? '',
      source: source as string,
      changed: wrote,
      copy: {
        data: copyFieldsOf(incoming),
        truncated: hints.truncated === true,
        keys: [...hints.copyKeys],
        claimedKeys: [...hints.keysToClaim],
        pageKey: hints.pageKey ?? null,
        replaced,
        wrote: wroteFields,
      },
    });
    return { document: document ?? stored, changed: wrote };
  }

  /**
   * The story a copy goes to when its keys' owner is `owner`: the article an editor split such a
   * copy out into, when the copy is recognisably that one (it shares a key the split article holds,
   * or carries no key the split copy did not), and that article still exists.
   */
  async function notSplitAway(owner: string, copyKeys: readonly string[], owners: ReadonlyMap<string, string>): Promise<string> {
    const splits = await getPluginService(strapi, 'mergeLog').splitsFrom(owner);
    for (const split of splits) {
      const grounds = new Set(split.keys);
      const isThatCopy = copyKeys.some((key) => owners.get(key) === split.splitInto) || copyKeys.every((key) => grounds.has(key));
      if (!isThatCopy) continue;
      const exists = await strapi.db.query(ARTICLE_UID).count({ where: { documentId: split.splitInto } });
      if (exists > 0) return split.splitInto;
    }
    return owner;
  }

  /** Puts back what a merge replaced in the story, where an editor has not changed it since. */
  async function restoreStory(documentId: string, copy: MergedCopy): Promise<string[]> {
    const versions = (await strapi.db.query(ARTICLE_UID).findMany({ where: { documentId }, populate: MERGE_POPULATE })) as Array<
      Record<string, unknown> & { documentId: string }
    >;
    const draft = versions.find((version) => !version.publishedAt);
    if (!draft) return [];
    const update: ArticleData = {};
    for (const [field, before] of Object.entries(copy.replaced)) {
      if (field === 'sources') continue;
      const current = field === 'category' ? ((draft.category as { documentId?: string } | null)?.documentId ?? null) : (draft[field] ?? null);
      if (sameFieldValue(field, current, copy.wrote[field])) update[field] = before;
    }
    const copySources = sourcesOf(copy.data);
    const storySources = sourcesOf(draft);
    const kept = storySources.filter((source) => !copySources.some((have) => sameSource(have, source)));
    if (kept.length !== storySources.length) update.sources = kept.map(({ url, file, fetchedAt }) => ({ url, file, fetchedAt }));
    const related = Array.isArray(copy.wrote.relatedArticles) ? (copy.wrote.relatedArticles as string[]) : [];
    if (related.length > 0) update.relatedArticles = { disconnect: related };
    const authors = Array.isArray(copy.wrote.authors) ? (copy.wrote.authors as string[]) : [];
    if (authors.length > 0) update.authors = { disconnect: authors };
    // Named before the write: its steps add to `update` (a slug, say).
    const restored = Object.keys(update).sort();
    if (restored.length === 0) return [];
    await getPluginService(strapi, 'storyWriter').update({ documentId, data: update });
    if (versions.some((version) => version.publishedAt)) await strapi.documents(ARTICLE_UID).publish({ documentId });
    return restored;
  }

  return {
    fingerprint(data: ArticleData, hints: WriteHints): { fingerprint: ArticleFingerprint; keys: string[] } {
      const body = blocksToLines(data.body);
      const sourceUrl = hints.sourceUrl ?? sourcesOf(data).find((source) => source.url)?.url ?? null;
      const fingerprint = fingerprintArticle({ title: str(data.title) ?? '', body, truncated: hints.truncated, sourceUrl });
      return { fingerprint, keys: storyKeys(fingerprint, body) };
    },

    /**
     * The stored story a copy with these keys belongs to (the document owning most of them), and
     * the keys no story owns yet: a merge claims those for the story, and only those, so a copy
     * the story already knows by every key costs no write there.
     */
    async findStory(storyKeyList: readonly string[]): Promise<{ documentId: string | null; unownedKeys: string[] }> {
      const owners = await keys().ownersByKey('story', storyKeyList);
      const [owner] = mostSharedFirst(owners.values());
      const documentId = owner === undefined ? null : await notSplitAway(owner, storyKeyList, owners);
      return { documentId, unownedKeys: storyKeyList.filter((key) => !owners.has(key)) };
    },

    /**
     * Undoes a wrong merge: the copy the merge kept becomes an article of its own (published or a
     * draft), with its source, body and card; the story gets back what the merge replaced (each
     * field an editor has not changed since) and loses the copy's source; the copy's own keys and
     * page move to the new article, so the same copy never merges into the story again. The merge
     * log keeps the merge, marked as split, and the split beside it.
     */
    async splitOut(mergeId: number, options: { publish: boolean }, decidedBy: string): Promise<SplitOutcome> {
      const mergeLog = getPluginService(strapi, 'mergeLog');
      const found = await mergeLog.find(mergeId);
      if (!found) throw new SplitRefused('not-found', `no merge ${mergeId}`);

      return strapi.db.transaction(async (): Promise<SplitOutcome> => {
        // Checked again with the story locked: two editors splitting one merge at once make one article.
        await keys().lockOwner('story', found.documentId);
        const merge = (await mergeLog.find(mergeId)) ?? found;
        if (merge.action === 'split') throw new SplitRefused('conflict', `row ${mergeId} records a split, not a merge`);
        if (merge.splitInto) throw new SplitRefused('conflict', `merge ${mergeId} was already split out into ${merge.splitInto}`);
        const copy = merge.copy;
        if (!copy) throw new SplitRefused('conflict', `merge ${mergeId} was logged before merges kept their copy: it cannot be split out`);
        const restored = await restoreStory(merge.documentId, copy);
        const write = { data: { ...copy.data }, ...(options.publish ? { status: 'published' as const } : {}) };
        const created = (await getPluginService(strapi, 'storyWriter').create(write, { truncated: copy.truncated, standalone: true })).document as { documentId: string; title: string; slug?: string | null };
        await keys().transfer('story', copy.claimedKeys, merge.documentId, created.documentId);
        if (copy.pageKey) await keys().transfer('page', [copy.pageKey], merge.documentId, created.documentId);
        await mergeLog.recordSplit({ ...merge, copy }, created.documentId, decidedBy);
        return {
          documentId: created.documentId,
          title: created.title,
          slug: created.slug ?? null,
          status: options.publish ? 'published' : 'draft',
          story: { documentId: merge.documentId, restored },
        };
      });
    },

    /**
     * Merges an incoming copy into the stored story: the more complete body wins, missing fields
     * are filled, related links are united, and a copy that gave any of these joins the article's
     * sources. Writes nothing to the article when the copy adds nothing (a duplicate scrape, or the
     * same page read again): no new version, no rebuild. Every merge is noted in the merge log.
     */
    async mergeInto(
      documentId: string,
      incoming: ArticleData,
      hints: MergeHints
    ): Promise<MergeResult> {
      // One merge into a document at a time, across processes: the lock is held to the commit.
      return strapi.db.transaction(async () => {
        await keys().lockOwner('story', documentId);
        return mergeLocked(documentId, incoming, hints);
      });
    },
  };
};

export default storyService;
export type StoryService = ReturnType<typeof storyService>;
