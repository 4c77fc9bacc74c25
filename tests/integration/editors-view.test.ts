import fs from 'fs';
import path from 'path';
import type { NewsroomActivity } from '../../src/plugins/newsroom/server/src/admin-views';
import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import { adminToken, adminWithActions, createArticle, createFullAccessToken } from '../helpers/content';
import { APP_DIR } from '../helpers/paths';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { until } from '../helpers/until';
import { Receiver } from '../helpers/webhook-receiver';

/**
 * What the editors' home page and the Content Manager's Preview read, over real HTTP: the activity
 * route (imports counted per batch from the content API and the admin upload, cards waiting for
 * their story, each rebuild target's health) and the signed preview page of a draft.
 */

const samplePage = (name: string) => fs.readFileSync(path.join(APP_DIR, 'data', 'sample-pages', name));
const SAMPLE_PAGE = 'halvorsen-antwerp-rail-a.txt';
const SAMPLE_COPY = 'halvorsen-antwerp-rail-b.txt';
const TEASER_UID = 'api::teaser.teaser';

describe("the editors' daily view", () => {
  let app: TestApp;
  let jwt: string;
  let receiver: Receiver;
  let receiverStatus = 500;

  const admin = (url: string) => app.http().get(url).set('Authorization', `Bearer ${jwt}`);
  const activity = async () => (await admin('/newsroom/activity').expect(200)).body.data as NewsroomActivity;

  beforeAll(async () => {
    receiver = await Receiver.start(() => receiverStatus);
    app = await startTestStrapi({
      env: {
        REBUILD_WEBHOOK_URLS: receiver.url(),
        REBUILD_WEBHOOK_QUIET_MS: '100',
        REBUILD_WEBHOOK_MAX_ATTEMPTS: '1',
        REBUILD_WEBHOOK_POLL_MS: '50',
        REBUILD_WEBHOOK_TIMEOUT_MS: '2000',
        RAIL_ASSEMBLE_DELAY_MS: '50',
      },
    });
    jwt = await adminToken(app);
  });

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
  });

  describe('GET /newsroom/activity', () => {
    it('counts the pages an API client sent under one batch name as one import, failures included', async () => {
      const token = await createFullAccessToken(app.strapi, 'activity token');
      const send = (body: Buffer | string) =>
        app.http().post('/api/newsroom/ingest?batch=morning-run').set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send(body);
      await send(samplePage(SAMPLE_PAGE)).expect(201);
      await send(samplePage(SAMPLE_COPY)).expect(200);
      await send('\n\n').expect(400);

      const [latest] = (await activity()).imports;
      expect(latest).toMatchObject({ origin: 'api', pages: 3, created: 1, merged: 1, failed: 1 });
      expect(latest.startedBy).toMatch(/^API token "activity token \d+"$/);
      expect(Date.parse(latest.lastPageAt)).toBeGreaterThanOrEqual(Date.parse(latest.startedAt));
    });

    it('counts an admin upload as one import by the signed-in editor, and a page sent without a batch as its own', async () => {
      const upload = (name: string) =>
        app
          .http()
          .post('/newsroom/ingest')
          .set('Authorization', `Bearer ${jwt}`)
          .send({ text: samplePage(name).toString('utf8'), source: name, batch: 'upload-7' })
          .expect(200);
      await upload(SAMPLE_PAGE);
      await upload(SAMPLE_COPY);
      const [uploaded] = (await activity()).imports;
      expect(uploaded).toMatchObject({ origin: 'admin', startedBy: 'Test Editor', pages: 2, created: 0, merged: 2, failed: 0 });

      const token = await createFullAccessToken(app.strapi, 'single page token');
      await app.http().post('/api/newsroom/ingest').set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send(samplePage(SAMPLE_PAGE)).expect(200);
      const [single, before] = (await activity()).imports;
      expect(single).toMatchObject({ origin: 'api', pages: 1, merged: 1 });
      expect(before).toMatchObject({ origin: 'admin', pages: 2 });
    });

    it('refuses a batch name that is not a short plain name, naming the field', async () => {
      const token = await createFullAccessToken(app.strapi, 'bad batch token');
      const res = await app
        .http()
        .post('/api/newsroom/ingest')
        .set('Authorization', `Bearer ${token}`)
        .send({ text: samplePage(SAMPLE_PAGE).toString('utf8'), batch: 'a batch/with spaces' })
        .expect(400);
      expect(res.body.error.message).toMatch(/^batch must be/);
    });

    it('lists the merges and the editorial cards still waiting for their story', async () => {
      const before = await activity();
      expect(before.merges[0]).toMatchObject({ action: 'merge', title: 'Halvorsen Gem Labs Opens Grading Center in Antwerp' });

      // One card of each kind: only the editorial one with no article and not cut off is waiting.
      const story = await createArticle(app.strapi, { title: 'A Story Whose Card Is Known', publish: true });
      const teaser = (data: Record<string, unknown>) => app.strapi.documents(TEASER_UID).create({ data: { timesSeen: 1, lastSeenAt: new Date(), ...data } as never });
      const waiting = await teaser({ text: 'A card whose story nobody has read yet.', kind: 'editorial' });
      await teaser({ text: 'A card whose story is stored.', kind: 'editorial', article: story.documentId });
      await teaser({ text: 'The start of a card the scrape cu', kind: 'editorial', fragment: true });
      await teaser({ text: 'Sponsored by Example Tools', kind: 'sponsored', sponsor: 'Example Tools' });

      const after = await activity();
      expect(after.waitingCards.count).toBe(before.waitingCards.count + 1);
      expect(after.waitingCards.newest[0]).toMatchObject({ documentId: waiting.documentId, text: 'A card whose story nobody has read yet.', timesSeen: 1 });
      expect(after.waitingCards.newest.length).toBe(Math.min(3, after.waitingCards.count));
    });

    it("shows a target's failed delivery as given up, and as carried once a later delivery succeeds", async () => {
      await createArticle(app.strapi, { title: 'A Story The Build Missed', publish: true });
      const failing = await until(async () => {
        const [target] = (await activity()).webhooks;
        return target?.lastDelivery?.status === 'failed' ? target : null;
      });
      expect(failing).toMatchObject({ target: { url: receiver.url(), enabled: true }, lastDelivery: { status: 'failed', lastStatus: 500 }, givenUp: 1, retrying: 0 });

      receiverStatus = 204;
      await createArticle(app.strapi, { title: 'A Story The Build Receives', publish: true });
      const healthy = await until(async () => {
        const [target] = (await activity()).webhooks;
        return target?.lastDelivery?.status === 'delivered' ? target : null;
      });
      expect(healthy.givenUp).toBe(0);
    });

    it('is refused to an administrator without the Newsroom read action', async () => {
      const limited = await adminWithActions(app, 'No Newsroom', []);
      await app.http().get('/newsroom/activity').set('Authorization', `Bearer ${limited}`).expect(403);
      await app.http().get('/newsroom/activity').expect(401);
    });
  });

  describe("the Content Manager's Preview", () => {
    const previewUrl = (documentId: string, status: 'draft' | 'published', token = jwt) =>
      app
        .http()
        .get(`/content-manager/preview/url/api::article.article?documentId=${documentId}&status=${status}`)
        .set('Authorization', `Bearer ${token}`);

    async function draftWithAuthor() {
      const author = await app.strapi.documents('api::author.author').create({ data: { name: 'Dana Whitlock', role: 'columnist' } });
      return app.strapi.documents('api::article.article').create({
        data: {
          title: 'Embargoed: <Bench> Jewelers Count the Cost',
          dek: 'Repair prices rise for the first time in a decade.',
          dateline: 'ANTWERP',
          body: linesToBlocks(['Bench jewelers raised repair prices this spring.', '1. Ring sizing', '2. Prong retipping']) as never,
          authors: [author.documentId],
        },
      });
    }

    it("frames the plugin's own page of a draft, behind a signed link, as a reader would see it", async () => {
      const draft = await draftWithAuthor();
      const res = await previewUrl(draft.documentId, 'draft').expect(200);
      const url = res.body.data.url as string;
      expect(url).toMatch(new RegExp(`^/newsroom/preview/articles/${draft.documentId}\\?status=draft&expires=\\d+&signature=`));

      const page = await app.http().get(url).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('<h1 data-preview="title">Embargoed: &lt;Bench&gt; Jewelers Count the Cost</h1>');
      expect(page.text).toContain('Repair prices rise for the first time in a decade.');
      expect(page.text).toContain('By Dana Whitlock, columnist');
      expect(page.text).toContain('ANTWERP · Not yet published');
      expect(page.text).toContain('<p>Bench jewelers raised repair prices this spring.</p>');
      // The list is rendered once, as a list: its markers are not left in the text.
      expect(page.text).toMatch(/<ol><li>Ring sizing<\/li><li>Prong retipping<\/li><\/ol>/);
      expect(page.text).toContain('Not in The Latest until it is published');
      // A reader of the public API still cannot see it.
      expect((await app.http().get(`/api/articles/${draft.documentId}`)).status).toBe(404);
    });

    it('shows a published article with its place in the rail', async () => {
      const published = await createArticle(app.strapi, { title: 'Pearl Graders Open a Second Lab', dek: 'The lab doubles capacity.', publish: true });
      await until(async () => {
        const rail = (await app.http().get('/api/latest-rail').expect(200)).body.data as { cards: Array<{ article: { documentId: string } | null }> };
        return rail.cards[0]?.article?.documentId === published.documentId ? rail : null;
      });
      const url = (await previewUrl(published.documentId, 'published').expect(200)).body.data.url as string;
      const page = await app.http().get(url).expect(200);
      expect(page.text).toContain('data-preview="status">Published');
      expect(page.text).toContain('Card 1 in The Latest');
    });

    it('refuses a link for another article or version, a malformed link, and a version that does not exist', async () => {
      const draft = await draftWithAuthor();
      const url = new URL((await previewUrl(draft.documentId, 'draft').expect(200)).body.data.url as string, 'http://localhost');

      const other = await createArticle(app.strapi, { title: 'Another Draft Entirely' });
      const tampered = await app.http().get(`/newsroom/preview/articles/${other.documentId}${url.search}`).expect(403);
      expect(tampered.text).toMatch(/not valid/);

      const published = new URL(url.toString());
      published.searchParams.set('status', 'published');
      await app.http().get(`${published.pathname}${published.search}`).expect(403);

      await app.http().get(`/newsroom/preview/articles/${draft.documentId}?status=draft`).expect(400);
      // A draft never published has no published version.
      const publishedLink = (await previewUrl(draft.documentId, 'published').expect(200)).body.data.url as string;
      await app.http().get(publishedLink).expect(404);
    });

    it('gives no preview URL to an administrator who may not read articles', async () => {
      const draft = await draftWithAuthor();
      const limited = await adminWithActions(app, 'Webhooks Only', ['plugin::newsroom.read']);
      const res = await previewUrl(draft.documentId, 'draft', limited);
      expect(res.status).toBe(204);
    });
  });
});

describe('the Preview with a frontend (PREVIEW_URL)', () => {
  let app: TestApp;
  let jwt: string;

  beforeAll(async () => {
    app = await startTestStrapi({ env: { PREVIEW_URL: 'https://frontend.example/api/preview', PREVIEW_SECRET: 'frontend-draft-mode-secret' } });
    jwt = await adminToken(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("frames the frontend's preview route with the article's documentId, slug, status and the secret", async () => {
    const draft = await createArticle(app.strapi, { title: 'Frontend Preview of a Sapphire Sale' });
    const res = await app
      .http()
      .get(`/content-manager/preview/url/api::article.article?documentId=${draft.documentId}&status=draft`)
      .set('Authorization', `Bearer ${jwt}`)
      .expect(200);
    const url = new URL(res.body.data.url as string);
    expect(url.origin + url.pathname).toBe('https://frontend.example/api/preview');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      documentId: draft.documentId,
      slug: 'frontend-preview-of-a-sapphire-sale',
      status: 'draft',
      secret: 'frontend-draft-mode-secret',
    });
  });

  it("lets the admin frame the frontend's origin", async () => {
    // The security headers are the same on every response; the admin page itself needs a build.
    const res = await app.http().get('/_health').expect(204);
    expect(res.headers['content-security-policy']).toMatch(/frame-src 'self' https:\/\/frontend\.example/);
  });
});
