import type { Core } from '@strapi/strapi';
import { byWriter, type WriteHints, type WriteOutcome } from '../context/write-params';
import { ARTICLE_UID } from '../uids';
import { getPluginService } from '../utils/plugin';
import { assignSlug } from '../writer/assign-slug';
import { cleanArticleBody } from '../writer/clean-body';
import { defaultSeo, deriveReadingFields } from '../writer/derived-fields';
import { linkStory } from '../writer/link-story';
import { readStoredDraft, type StoredDraft } from '../writer/stored-draft';

type ArticleData = Record<string, unknown>;
export type ArticleDocument = Record<string, unknown> & { documentId: string };

/** An article create or update as the document service is asked for it. */
export interface ArticleWrite {
  documentId?: string;
  data: ArticleData;
  status?: 'draft' | 'published';
  locale?: string;
}

/** What a create became, and the document to answer it with. */
export interface ArticleWriteResult extends WriteOutcome {
  document: ArticleDocument;
}

/**
 * Stores a prepared write. For a write that came through the document service (admin, REST,
 * GraphQL) it is the rest of that call; without one, the writer makes a call of its own.
 */
export type Persist = () => Promise<unknown>;

/**
 * The story writer: every article create and update, from any route, takes the steps listed in
 * `create` and `update`, in that order, in one transaction. Ingest, story merges and splits and
 * related-title links call it directly; the document-service adapter
 * (middlewares/write-article.ts) hands it REST, GraphQL and admin writes. What it stores goes
 * through the document service marked as its own, so the adapter lets it through and no step runs
 * twice; the observers of published changes (rebuild events, the rail, first publication) see it
 * as any write.
 */
const storyWriter = ({ strapi }: { strapi: Core.Strapi }) => {
  const story = () => getPluginService(strapi, 'story');
  const keys = () => getPluginService(strapi, 'dedupeKeys');
  const options = (write: ArticleWrite) => ({ ...(write.status ? { status: write.status } : {}), ...(write.locale ? { locale: write.locale } : {}) });

  /** Before storing: the body without site chrome, then its reading fields, then the SEO defaults. */
  async function prepare(data: ArticleData, stored: StoredDraft | null, documentId?: string): Promise<string[] | null> {
    const bodyLines = await cleanArticleBody(strapi, data, stored, documentId);
    deriveReadingFields(data, stored);
    defaultSeo(data, stored);
    return bodyLines;
  }

  /** After a stored change: the story's links, then its body's lines in the boilerplate ledger. */
  async function followUp(document: ArticleDocument, data: ArticleData, bodyLines: string[] | null): Promise<void> {
    await linkStory(strapi, document, data);
    if (bodyLines) await getPluginService(strapi, 'boilerplate').recordLines(document.documentId, bodyLines);
  }

  async function storeNew(write: ArticleWrite, persist?: Persist): Promise<ArticleDocument> {
    await assignSlug(strapi, ARTICLE_UID, 'title', write.data, null);
    const created = persist ? await persist() : await strapi.documents(ARTICLE_UID).create(byWriter({ data: write.data as never, ...options(write) }));
    return created as ArticleDocument;
  }

  /**
   * One article per story: a copy whose fingerprint matches a stored story merges into it; anything
   * else is a new article, whose story keys are claimed with its create. When another process
   * claimed one of them first, the database refuses ours, the create is undone, and this copy
   * merges into the winner.
   */
  async function storeCopy(write: ArticleWrite, hints: WriteHints, persist?: Persist): Promise<ArticleWriteResult> {
    const created = (document: ArticleDocument): ArticleWriteResult => ({ action: 'created', documentId: document.documentId, changed: true, document });
    if (typeof write.data.title !== 'string') return created(await storeNew(write, persist));

    const { keys: copyKeys } = story().fingerprint(write.data, hints);
    const merge = async (documentId: string, keysToClaim: readonly string[]): Promise<ArticleWriteResult> => {
      const publish = write.status === 'published';
      const merged = await story().mergeInto(documentId, write.data, { ...hints, publish, keysToClaim, copyKeys });
      return { action: 'merged', documentId, changed: merged.changed, document: merged.document };
    };
    // A copy an editor split out of a story is stored as it is, known by the keys no story holds.
    if (hints.standalone) {
      const document = await storeNew(write, persist);
      await keys().claim('story', copyKeys, document.documentId, { strict: false });
      return created(document);
    }
    const existing = await story().findStory(copyKeys);
    if (existing.documentId) return merge(existing.documentId, existing.unownedKeys);
    const claimed = await keys().createClaimed('story', copyKeys, () => storeNew(write, persist));
    return claimed.created ? created(claimed.document) : merge(claimed.ownerDocumentId, copyKeys);
  }

  /** An edited article is still the same story, and its new text one more way to recognise it. */
  async function claimStoryKeys(documentId: string): Promise<void> {
    const stored = (await strapi.documents(ARTICLE_UID).findOne({ documentId, status: 'draft', fields: ['title', 'body', 'truncated'] })) as
      | ArticleData
      | null;
    if (!stored) return;
    const { keys: storyKeys } = story().fingerprint(stored, { truncated: stored.truncated === true });
    // Keys another story holds stay with that story.
    await keys().claim('story', storyKeys, documentId, { strict: false });
  }

  /** An edit of a stored article: the stored draft read once, the same steps as a create, then its keys and links. */
  async function storeEdit(write: ArticleWrite & { documentId: string }, persist?: Persist): Promise<ArticleDocument | null> {
    const { documentId, data } = write;
    const stored = await readStoredDraft(strapi, documentId);
    const bodyLines = await prepare(data, stored, documentId);
    const storedSlug = stored ? { slug: stored.slug, source: stored.title, published: stored.published } : null;
    await assignSlug(strapi, ARTICLE_UID, 'title', data, storedSlug, documentId);
    const document = (
      persist ? await persist() : await strapi.documents(ARTICLE_UID).update(byWriter({ documentId, data: data as never, ...options(write) }))
    ) as ArticleDocument | null;
    if (!document?.documentId) return document;
    if (data.title !== undefined || data.body !== undefined) await claimStoryKeys(documentId);
    await followUp(document, data, bodyLines);
    return document;
  }

  return {
    /**
     * A new article from any route, or a copy of a stored story (merged into it). `hints` are what
     * an importer knows besides the data (REST and GraphQL creates have none).
     */
    async create(write: ArticleWrite, hints: WriteHints = {}, persist?: Persist): Promise<ArticleWriteResult> {
      return strapi.db.transaction(async () => {
        const bodyLines = await prepare(write.data, null);
        const result = await storeCopy(write, hints, persist);
        // A copy that added nothing to its story leaves it as it was.
        if (result.changed) await followUp(result.document, write.data, bodyLines);
        return result;
      });
    },

    /** An edit of a stored article, from any route; answers the stored version (null when there is none). */
    async update(write: ArticleWrite & { documentId: string }, persist?: Persist): Promise<ArticleDocument | null> {
      return strapi.db.transaction(() => storeEdit(write, persist));
    },
  };
};

export default storyWriter;
export type StoryWriterService = ReturnType<typeof storyWriter>;
