import { publishedChangeOf } from '../changes';
import { outcomeOf } from '../context/write-params';
import { getPluginService } from '../utils/plugin';
import { ARTICLE_UID, AUTHOR_UID, CATEGORY_UID, TEASER_UID } from '../uids';
import { type MiddlewareFactory, type WriteParams } from './types';

/** What readers see of each type: articles, categories and authors are pages; teasers only feed the rail. */
const WATCHED: Record<string, { type: 'article' | 'category' | 'author' | 'teaser'; draftAndPublish: boolean }> = {
  [ARTICLE_UID]: { type: 'article', draftAndPublish: true },
  [CATEGORY_UID]: { type: 'category', draftAndPublish: false },
  [AUTHOR_UID]: { type: 'author', draftAndPublish: false },
  [TEASER_UID]: { type: 'teaser', draftAndPublish: false },
};

const ACTIONS = new Set(['create', 'update', 'publish', 'unpublish', 'delete']);

/**
 * After a change to published content: schedule a rail assembly and write a rebuild event to the
 * outbox. The event is written in the same transaction as the change, so a change that rolls back
 * sends nothing and a change that lands is never lost. Edits to drafts do neither.
 */
export const notifyPublishedChange: MiddlewareFactory = ({ strapi }) =>
  async function notifyPublishedChangeMiddleware(ctx, next) {
    const watched = WATCHED[ctx.uid];
    if (!watched || !ACTIONS.has(ctx.action)) return next();
    const params = ctx.params as WriteParams;

    // What a delete or unpublish takes away must be read while it still exists: whether a published
    // version exists, and the slug a frontend needs to remove the page. An article's published
    // category is read too, so a change can name the category pages it leaves. One read for all.
    const isArticle = watched.type === 'article';
    const before =
      params.documentId && (ctx.action === 'delete' || ctx.action === 'unpublish' || isArticle)
        ? ((await strapi.db.query(ctx.uid).findMany({
            where: { documentId: params.documentId },
            select: watched.type === 'teaser' ? ['publishedAt'] : ['publishedAt', 'slug'],
            ...(isArticle ? { populate: { category: { select: ['slug'] } } } : {}),
          })) as Array<{ publishedAt: unknown; slug?: string | null; category?: { slug: string | null } | null }>)
        : null;
    const hadPublished = before && watched.draftAndPublish ? before.some((row) => row.publishedAt) : undefined;
    const change = publishedChangeOf({
      action: ctx.action,
      draftAndPublish: watched.draftAndPublish,
      status: params.status,
      hadPublished,
    });
    if (!change) return next();

    const rail = getPluginService(strapi, 'rail');
    const withdraws = watched.type === 'article' && params.documentId && (change === 'unpublish' || change === 'delete');
    const slugBefore = ctx.action === 'delete' ? (before?.find((row) => row.slug)?.slug ?? null) : null;
    const record = async () => {
      // Its card leaves the rail, including where observed rails showed it; read while it exists.
      if (withdraws) await rail.withdrawArticleCards(params.documentId as string);
      // The create may be merged by dedupe into a story that already had everything: no change then.
      const written = (await next()) as { documentId?: string; slug?: string | null } | null;
      const outcome = outcomeOf(params);
      if (outcome?.action === 'merged' && !outcome.changed) return written;
      // A create that dedupe turned into a merge answers with the existing document: still a change.
      const documentId = written?.documentId ?? params.documentId ?? null;
      // A document this create has just made was never withdrawn: nothing to restore.
      const isNew = ctx.action === 'create' && outcome?.action !== 'merged';
      if (documentId && watched.type === 'article' && change === 'publish' && !isNew) await rail.restoreArticleCards(documentId);
      if (documentId && watched.type !== 'teaser') {
        const slug =
          slugBefore ?? (typeof written?.slug === 'string' ? written.slug : await slugOf(strapi, ctx.uid, documentId));
        const categories = isArticle ? await categoriesOf(strapi, documentId, change, before) : {};
        await getPluginService(strapi, 'rebuild').recordChanges([{ type: watched.type, documentId, slug, action: change, ...categories }]);
      }
      return written;
    };
    // A create that loses a race inside it is undone behind a savepoint (dedupeKeys.createClaimed),
    // so creates, too, are written in one transaction with their event.
    const result = await strapi.db.transaction(record);
    // After the commit, so the assembly reads what was just written.
    rail.scheduleAssembly();
    return result as Awaited<ReturnType<typeof next>>;
  };

async function slugOf(strapi: Parameters<MiddlewareFactory>[0]['strapi'], uid: string, documentId: string) {
  const row = (await strapi.db.query(uid as typeof ARTICLE_UID).findOne({ where: { documentId }, select: ['slug'] })) as {
    slug?: string | null;
  } | null;
  return row?.slug ?? null;
}

/**
 * The category pages an article change touches: the published version's category before the write,
 * and after it (the same one when the article left the site: its category page drops it).
 */
async function categoriesOf(
  strapi: Parameters<MiddlewareFactory>[0]['strapi'],
  documentId: string,
  change: string,
  before: Array<{ publishedAt: unknown; category?: { slug: string | null } | null }> | null
): Promise<{ category: string | null; previousCategory: string | null }> {
  const previousCategory = before?.find((row) => row.publishedAt)?.category?.slug ?? null;
  if (change === 'unpublish' || change === 'delete') return { category: previousCategory, previousCategory };
  const published = (await strapi.db.query(ARTICLE_UID).findOne({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['id'],
    populate: { category: { select: ['slug'] } },
  })) as { category?: { slug: string | null } | null } | null;
  return { category: published?.category?.slug ?? null, previousCategory };
}
