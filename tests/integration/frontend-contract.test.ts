import path from 'path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BlocksRenderer, type BlocksContent } from '@strapi/blocks-react-renderer';
import { strapi as strapiClient } from '@strapi/client';
import { GraphQLClient } from 'graphql-request';
import { Webhook } from 'standardwebhooks';
import type { RailData } from '../helpers/rail';
import { createFullAccessToken } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { Receiver } from '../helpers/webhook-receiver';
import { markupText } from '../../src/plugins/newsroom/server/src/page/inline-markup';
import { CORPUS_DIR, loadCorpus, loadLabelledPages, SAMPLES_DIR, type LabelledPage } from '../unit/page/labelled-pages';

/**
 * The contract a static frontend builds on, checked with the libraries a frontend team uses and
 * nobody here wrote: @strapi/client for REST, graphql-request for GraphQL, BlocksRenderer with
 * react-dom/server for bodies, standardwebhooks on the receiving end of rebuild calls. Pages go in
 * through the ingest endpoint, as a build pipeline sends them; everything else is anonymous.
 */

const SECRET = `whsec_${Buffer.from('frontend-contract-test-signing-key').toString('base64')}`;
const WEBHOOK_ENV: Record<string, string> = {
  REBUILD_WEBHOOK_SECRET: SECRET,
  REBUILD_WEBHOOK_QUIET_MS: '300',
  REBUILD_WEBHOOK_MAX_WAIT_MS: '600000',
  REBUILD_WEBHOOK_POLL_MS: '50',
  RAIL_ASSEMBLE_DELAY_MS: '50',
};

interface PublicArticle {
  documentId: string;
  title: string;
  slug: string;
  dek: string | null;
  body: BlocksContent | null;
  truncated: boolean;
  publishedAt: string;
  firstPublishedAt: string;
  category: { documentId: string; slug: string; name: string } | null;
  teaser: { documentId: string; text: string } | null;
  sources: Array<Record<string, unknown>>;
}

const ARTICLE_FIELDS = 'documentId title slug dek truncated publishedAt firstPublishedAt category { documentId slug name } teaser { documentId text }';

/** What a reader reads in a rendered body: the text of each paragraph, heading, quote and list item. */
function renderedBlocks(body: BlocksContent | null): { html: string; texts: string[]; items: string[] } {
  const html = body ? renderToStaticMarkup(createElement(BlocksRenderer, { content: body })) : '';
  const decode = (text: string) =>
    text
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&');
  const texts = [...html.matchAll(/<(p|h[1-6]|blockquote|li)>(.*?)<\/\1>/gs)].map((m) => decode(m[2]));
  const items = [...html.matchAll(/<li>(.*?)<\/li>/gs)].map((m) => decode(m[1]));
  return { html, texts, items };
}

/** A list item that still starts with the marker its list already draws ("1. ", "b) ", "- ", "• "). */
const MARKED_ITEM = /^\s*(?:\d{1,3}[.)]|[a-z][.)]|[-–•*])\s/i;
/** Chrome every page of the site repeats, whatever a label says. */
const SITE_CHROME = [/^The Latest$/, /^RELATED CONTENT:/];
/** A rail's sponsored slot label, which names a sponsor rather than a story. */
const SPONSORED_LABEL = /^(Supplier Spotlight )?Sponsored by /;

function describeContract(name: string, pages: LabelledPage[]) {
  describe(`the frontend contract over ${name}`, () => {
    let app: TestApp;
    let receiver: Receiver;
    let token: string;
    let articles: PublicArticle[];
    const stories = new Set(pages.map((page) => page.label.story_key));
    // A body line as the label has it, and as a reader sees it (a line's link markup rendered).
    const bodyLines = new Set(pages.flatMap((page) => page.label.body.flatMap((line) => [line, markupText(line)])));
    // A line one page shows as chrome (a teaser of another story, say) that no page reads as body.
    const chromeLines = new Set(pages.flatMap((page) => page.label.chrome).filter((line) => line.trim() !== '' && !bodyLines.has(line)));
    const labelledCards = pages.flatMap((page) => page.label.rail).filter((text) => text !== '');

    const rest = () => strapiClient({ baseURL: `${app.url}/api` });
    const graphql = () => new GraphQLClient(`${app.url}/graphql`);
    const settleRail = () => (app.strapi.plugin('newsroom').service('rail') as { settle(): Promise<void> }).settle();

    async function listArticles(): Promise<PublicArticle[]> {
      const all: PublicArticle[] = [];
      for (let page = 1; ; page += 1) {
        const res = await rest()
          .collection('articles')
          .find({ sort: ['firstPublishedAt:desc', 'documentId:asc'], pagination: { page, pageSize: 25 }, populate: ['category', 'teaser', 'sources'] });
        all.push(...(res.data as unknown as PublicArticle[]));
        const { pageCount } = (res.meta as { pagination: { pageCount: number } }).pagination;
        if (page >= pageCount) return all;
      }
    }

    async function railView(query: Record<string, string | number>): Promise<RailData> {
      const params = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
      const res = await fetch(`${app.url}/api/latest-rail?${params}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: RailData }).data;
    }

    beforeAll(async () => {
      receiver = await Receiver.start();
      app = await startTestStrapi({ env: { ...WEBHOOK_ENV, REBUILD_WEBHOOK_URLS: receiver.url('/build') } });
      token = await createFullAccessToken(app.strapi, 'build pipeline');
      for (const page of pages) {
        const res = await fetch(`${app.url}/api/newsroom/ingest?publish=true&source=${encodeURIComponent(page.label.url || page.file)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain; charset=utf-8' },
          body: new Uint8Array(page.bytes),
        });
        if (res.status !== 200 && res.status !== 201) throw new Error(`ingest of ${page.file} answered ${res.status}: ${await res.text()}`);
      }
      await settleRail();
      articles = await listArticles();
    }, 600000);

    afterAll(async () => {
      await app?.stop();
      await receiver?.close();
    });

    it('lists one published article per story, each found again by its slug, REST and GraphQL alike', async () => {
      expect(articles).toHaveLength(stories.size);
      for (const article of articles) {
        const bySlug = await rest().collection('articles').find({ filters: { slug: { $eq: article.slug } }, populate: ['category', 'teaser', 'sources'] });
        expect(bySlug.data).toEqual([article]);
      }
      const answer = await graphql().request<{ articles: PublicArticle[] }>(
        `query($limit: Int) { articles(sort: ["firstPublishedAt:desc", "documentId:asc"], pagination: { limit: $limit }) { ${ARTICLE_FIELDS} } }`,
        { limit: 100 }
      );
      const fields = ({ documentId, title, slug, dek, truncated, publishedAt, firstPublishedAt, category, teaser }: PublicArticle) => ({
        documentId,
        title,
        slug,
        dek,
        truncated,
        publishedAt,
        firstPublishedAt,
        category: category && { documentId: category.documentId, slug: category.slug, name: category.name },
        teaser: teaser && { documentId: teaser.documentId, text: teaser.text },
      });
      expect(answer.articles.map(fields)).toEqual(articles.map(fields));
    });

    it('counts each category’s articles as its category page lists them', async () => {
      const categories = await rest().collection('categories').find({ populate: { articles: { count: true } }, pagination: { pageSize: 100 } });
      const counted = (categories.data as unknown as Array<{ slug: string; articles: { count: number } }>).map((c) => [c.slug, c.articles.count]);
      const listed = [...new Set(articles.flatMap((a) => (a.category ? [a.category.slug] : [])))].map((slug) => [slug, articles.filter((a) => a.category?.slug === slug).length]);
      expect(counted.filter(([, count]) => count !== 0).sort()).toEqual(listed.sort());
      expect(listed.length).toBeGreaterThan(0);
    });

    it('renders every body with no site chrome, each list marker once, and says when a body is cut off', () => {
      const chromeInBodies: string[] = [];
      const markedItems: string[] = [];
      let listItems = 0;
      for (const article of articles) {
        const { texts, items } = renderedBlocks(article.body);
        expect(texts.length).toBeGreaterThan(0);
        for (const text of texts) {
          if (chromeLines.has(text) || SITE_CHROME.some((pattern) => pattern.test(text))) chromeInBodies.push(`${article.slug}: ${text}`);
        }
        markedItems.push(...items.filter((item) => MARKED_ITEM.test(item)).map((item) => `${article.slug}: ${item}`));
        listItems += items.length;
        expect(typeof article.truncated).toBe('boolean');
        // The public sees where a story came from, never the file it was read from.
        for (const source of article.sources) expect(Object.keys(source)).not.toContain('file');
      }
      expect(chromeInBodies).toEqual([]);
      expect(markedItems).toEqual([]);
      // Both sets of pages hold lists, so the marker check above has items to look at.
      expect(listItems).toBeGreaterThan(0);
      // Some page of each set is cut off inside its article.
      expect(articles.some((article) => article.truncated)).toBe(true);
    });

    it('shows no fragment card in any rail view, REST or GraphQL', async () => {
      const full = await railView({ limit: 100 });
      const views = [full, await railView({}), await railView({ limit: 5 })];
      // An article page's rail leaves out that article's own card.
      for (const slug of full.cards.flatMap((card) => (card.article?.slug ? [card.article.slug] : [])).slice(0, 3)) {
        const view = await railView({ limit: 20, exclude: slug });
        expect(view.cards.map((card) => card.article?.slug)).not.toContain(slug);
        views.push(view);
      }

      // The pages hold a card a scrape cut off (the start of a card another page shows whole).
      expect(labelledCards.some((cut) => labelledCards.some((whole) => whole !== cut && whole.startsWith(cut)))).toBe(true);
      const known = [...new Set([...labelledCards, ...full.cards.map((card) => card.text)])];
      for (const view of views) {
        expect(view.cards.length).toBeGreaterThan(0);
        const fragments = view.cards.filter((card) => known.some((text) => text !== card.text && text.startsWith(card.text)));
        expect(fragments.map((card) => card.text)).toEqual([]);
      }
      const answer = await graphql().request<{ latestRail: RailData }>(
        'query($limit: Int) { latestRail(limit: $limit) { version assembledAt cards { position text kind sponsor article { documentId slug title } } } }',
        { limit: 100 }
      );
      expect(answer.latestRail).toEqual(full);
    });

    it('links each article to the card the rail shows for it', async () => {
      await settleRail();
      const full = await railView({ limit: 100 });
      const bySlug = new Map(articles.map((article) => [article.slug, article]));
      const unlinked: string[] = [];
      for (const card of full.cards) {
        const article = card.article?.slug ? bySlug.get(card.article.slug) : undefined;
        if (!article) continue;
        // The rail shows an article's card text, else its dek, else its title: each is what the API gives.
        const expected = article.teaser?.text ?? article.dek ?? article.title;
        if (card.text !== expected) unlinked.push(`${article.slug}: rail "${card.text}", article ${JSON.stringify(article.teaser)}`);
      }
      expect(unlinked).toEqual([]);

      // A teaser linked to an article is that article's teaser, seen from either side.
      const teasers = await rest().collection('teasers').find({ filters: { article: { documentId: { $notNull: true } } }, populate: ['article'], pagination: { pageSize: 100 } });
      const linked = teasers.data as unknown as Array<{ documentId: string; article: { documentId: string } }>;
      for (const teaser of linked) {
        expect(articles.find((article) => article.documentId === teaser.article.documentId)?.teaser?.documentId).toBe(teaser.documentId);
      }
      expect(articles.filter((article) => article.teaser).length).toBe(linked.length);
      // A card is known for an article when a page's rail showed the article's dek as an editorial card.
      const editorialCards = labelledCards.filter((text) => !SPONSORED_LABEL.test(text));
      const known = articles.filter((article) => article.dek !== null && editorialCards.includes(article.dek));
      expect(known.map((article) => article.teaser?.text)).toEqual(known.map((article) => article.dek));
      expect(linked.length).toBe(known.length);
    });

    it('keeps the order by first publication when a headline is corrected, and tells the build which page changed', async () => {
      const before = await listArticles();
      const railBefore = (await railView({ limit: 100 })).cards.flatMap((card) => (card.article ? [card.article.documentId] : []));
      const corrected = before[Math.floor(before.length / 2)];
      const deliveriesBefore = receiver.requests.length;

      await strapiClient({ baseURL: `${app.url}/api`, auth: token })
        .collection('articles')
        .update(corrected.documentId, { title: `${corrected.title} (corrected)` });

      const after = await listArticles();
      expect(after.map((a) => a.documentId)).toEqual(before.map((a) => a.documentId));
      const edited = after.find((a) => a.documentId === corrected.documentId)!;
      expect(edited.title).toBe(`${corrected.title} (corrected)`);
      expect(edited.firstPublishedAt).toBe(corrected.firstPublishedAt);
      expect(new Date(edited.publishedAt).getTime()).toBeGreaterThan(new Date(corrected.publishedAt).getTime());
      await settleRail();
      const railAfter = (await railView({ limit: 100 })).cards.flatMap((card) => (card.article ? [card.article.documentId] : []));
      expect(railAfter).toEqual(railBefore);

      await receiver.waitFor((requests) =>
        requests.slice(deliveriesBefore).some((r) => r.payload.changes.some((c) => c.type === 'article' && c.documentId === corrected.documentId))
      );
      const change = receiver.requests
        .slice(deliveriesBefore)
        .flatMap((r) => r.payload.changes)
        .find((c) => c.type === 'article' && c.documentId === corrected.documentId);
      expect(change).toMatchObject({ slug: edited.slug });
    });

    it('signs every rebuild call so the receiver verifies it, and the calls name every published article', async () => {
      await receiver.waitFor((requests) => {
        const named = new Set(requests.flatMap((r) => r.payload.changes.map((c) => c.documentId)));
        return articles.every((article) => named.has(article.documentId));
      });
      const webhook = new Webhook(SECRET);
      for (const request of receiver.requests) {
        expect(webhook.verify(request.body, request.headers)).toEqual(request.payload);
      }
      const publishes = receiver.requests.flatMap((r) => r.payload.changes).filter((c) => c.type === 'article' && c.action === 'publish');
      expect(new Set(publishes.map((c) => c.documentId))).toEqual(new Set(articles.map((a) => a.documentId)));
      // Each names the page to build and the category pages that list it.
      for (const change of publishes) {
        const article = articles.find((a) => a.documentId === change.documentId)!;
        expect({ slug: change.slug, category: change.category }).toEqual({ slug: article.slug, category: article.category?.slug ?? null });
      }
    });
  });
}

describeContract('the sample pages', loadLabelledPages(SAMPLES_DIR, path.join(SAMPLES_DIR, 'labels')));

const corpus = loadCorpus();
if (corpus) {
  describeContract('the real pages in ../shared', corpus);
} else {
  const reason = `${CORPUS_DIR} not found; set NEWSROOM_SHARED_DIR to the shared folder to run it`;
  console.warn(`frontend contract over real pages skipped: ${reason}`);
  it.skip(`the frontend contract over the real pages in ../shared (skipped: ${reason})`);
}
