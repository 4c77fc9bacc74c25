import type { Core } from '@strapi/strapi';
import type { NewsroomActivity, WaitingCard } from '../admin-views';
import { recentImports } from '../persistence/imports';
import { TEASER_UID } from '../uids';
import { getPluginService } from '../utils/plugin';

/** How many of each the editors' home page lists; the Newsroom page has the rest. */
const LISTED = 3;

/** Editorial cards with no article yet; fragments (cut-off cards) are never a story's card. */
const WAITING_CARD = {
  kind: 'editorial',
  $or: [{ fragment: false }, { fragment: null }],
  article: { id: { $null: true } },
};

/**
 * What the newsroom has been doing, for the admin home page's activity widget: the last imports,
 * the last merges, the cards still waiting for their story, and each rebuild target's health.
 */
const activityService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async summary(): Promise<NewsroomActivity> {
    const teasers = strapi.db.query(TEASER_UID);
    const [imports, merges, waitingCount, waiting, webhooks] = await Promise.all([
      recentImports(strapi.db.connection, LISTED),
      getPluginService(strapi, 'mergeLog').list({ limit: LISTED }),
      teasers.count({ where: WAITING_CARD }),
      teasers.findMany({
        where: WAITING_CARD,
        select: ['documentId', 'text', 'timesSeen', 'lastSeenAt'],
        orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
        limit: LISTED,
      }),
      getPluginService(strapi, 'rebuild').targetHealth(),
    ]);
    const newest: WaitingCard[] = (waiting as Array<Record<string, unknown>>).map((card) => ({
      documentId: String(card.documentId),
      text: String(card.text ?? ''),
      timesSeen: Number(card.timesSeen ?? 0),
      lastSeenAt: card.lastSeenAt ? new Date(card.lastSeenAt as string).toISOString() : null,
    }));
    return { imports, merges, waitingCards: { count: Number(waitingCount), newest }, webhooks };
  },
});

export default activityService;
export type ActivityService = ReturnType<typeof activityService>;
