import type { Core } from '@strapi/strapi';
import type { BlocksContent } from '@strapi/blocks-react-renderer';
import { resolvePreviewConfig, type PreviewConfig, type PreviewConfigInput } from '../preview/config';
import { checkPreviewLink, previewSigningKey, signPreviewLink, type PreviewLinkCheck, type PreviewStatus } from '../preview/preview-link';
import { renderArticlePreview } from '../preview/render-article-preview';
import { MAX_RAIL_LIMIT } from '../rail/types';
import { ARTICLE_UID } from '../uids';
import { getPluginService, PLUGIN_ID } from '../utils/plugin';

interface PreviewedArticle {
  title?: string | null;
  slug?: string | null;
  dek?: string | null;
  sponsor?: string | null;
  dateline?: string | null;
  publishedOn?: string | null;
  firstPublishedAt?: string | null;
  readingTime?: number | null;
  imageCaption?: string | null;
  body?: BlocksContent | null;
  category?: { name?: string | null } | null;
  authors?: Array<{ name?: string | null; role?: string | null }> | null;
  teaser?: { text?: string | null } | null;
}

/**
 * The Content Manager's Preview of an article: the URL it frames (a frontend's preview route when
 * PREVIEW_URL is set, else the plugin's own page behind a signed, expiring link), and that page.
 */
const previewService = ({ strapi }: { strapi: Core.Strapi }) => {
  let resolved: PreviewConfig | undefined;
  const config = (): PreviewConfig =>
    (resolved ??= resolvePreviewConfig((strapi.config.get(`plugin::${PLUGIN_ID}.preview`) ?? {}) as PreviewConfigInput));
  // The admin's own JWT secret, which production requires to be strong; never PREVIEW_SECRET, which
  // travels in the frontend's preview URLs.
  const signingKey = () => {
    const secret = strapi.config.get('admin.auth.secret');
    if (typeof secret !== 'string' || secret === '') throw new Error('admin.auth.secret (ADMIN_JWT_SECRET) is not set: preview links cannot be signed');
    return previewSigningKey(secret);
  };

  const mayReadArticles = (): boolean => {
    const ability = (strapi.requestContext.get()?.state as { userAbility?: { can(action: string, subject: string): boolean } } | undefined)?.userAbility;
    return Boolean(ability?.can('plugin::content-manager.explorer.read', ARTICLE_UID));
  };

  return {
    /**
     * The preview handler of config/admin.ts: a URL for an article's draft or published version;
     * none for other types, or for an administrator who may not read articles (Strapi asks only
     * that the caller is signed in to the admin).
     */
    async urlFor(uid: string, params: { documentId: string; status?: string }): Promise<string | null> {
      if (uid !== ARTICLE_UID || !mayReadArticles()) return null;
      const status: PreviewStatus = params.status === 'published' ? 'published' : 'draft';
      const { frontendUrl, secret, linkTtlSeconds } = config();
      if (frontendUrl) {
        const article = await strapi.documents(ARTICLE_UID).findOne({ documentId: params.documentId, status, fields: ['slug'] });
        const url = new URL(frontendUrl);
        url.searchParams.set('documentId', params.documentId);
        url.searchParams.set('slug', String((article as { slug?: string | null } | null)?.slug ?? ''));
        url.searchParams.set('status', status);
        if (secret) url.searchParams.set('secret', secret);
        return url.toString();
      }
      const link = signPreviewLink(signingKey(), params.documentId, status, new Date(Date.now() + linkTtlSeconds * 1000));
      const query = new URLSearchParams({ status: link.status, expires: String(link.expires), signature: link.signature });
      const path = `/${PLUGIN_ID}/preview/articles/${encodeURIComponent(params.documentId)}?${query}`;
      // A public server URL when one is configured; else the admin's own origin, which serves this route.
      const serverUrl = String(strapi.config.get('server.url') ?? '');
      return /^https?:\/\//.test(serverUrl) ? new URL(path, serverUrl).toString() : path;
    },

    checkLink(documentId: string, query: Record<string, unknown>): PreviewLinkCheck {
      return checkPreviewLink(signingKey(), documentId, query, new Date(), config().linkTtlSeconds);
    },

    /** The page of one version of an article, or null when it has no such version. */
    async page(documentId: string, status: PreviewStatus): Promise<{ html: string; contentSecurityPolicy: string } | null> {
      const article = (await strapi.documents(ARTICLE_UID).findOne({
        documentId,
        status,
        populate: { category: { fields: ['name'] }, authors: { fields: ['name', 'role'] }, teaser: { fields: ['text'] } },
      })) as PreviewedArticle | null;
      if (!article) return null;
      const rail = await getPluginService(strapi, 'rail').view({ limit: MAX_RAIL_LIMIT });
      const card = rail.cards.find((railCard) => railCard.article?.documentId === documentId);
      return renderArticlePreview({
        status,
        title: article.title ?? '',
        dek: article.dek ?? null,
        category: article.category?.name ?? null,
        sponsor: article.sponsor ?? null,
        authors: (article.authors ?? []).map((author) => ({ name: author.name ?? '', role: author.role ?? null })),
        dateline: article.dateline ?? null,
        date: article.firstPublishedAt ?? article.publishedOn ?? null,
        readingTime: article.readingTime ?? null,
        imageCaption: article.imageCaption ?? null,
        body: article.body ?? [],
        card: { position: card?.position ?? null, text: card?.text ?? article.teaser?.text ?? article.dek ?? article.title ?? '' },
      });
    },
  };
};

export default previewService;
export type PreviewService = ReturnType<typeof previewService>;
