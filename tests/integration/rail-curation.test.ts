import http from 'http';
import type { AddressInfo } from 'net';
import type { RailCurationEntry } from '../../src/plugins/newsroom/server/src/admin-views';
import { adminToken, adminWithActions, createArticle } from '../helpers/content';
import type { RailData } from '../helpers/rail';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { until } from '../helpers/until';

/**
 * Editors overrule the Latest rail over the Newsroom admin API: pin (for a time), hide, clear; the
 * public rail shows it at once, an expired pin lets go, and the change reaches the rebuild webhooks.
 */

/** Collects the JSON bodies a rebuild webhook target receives. */
async function startReceiver(): Promise<{ url: string; bodies: Array<{ changes: Array<{ type: string; action: string }> }>; close(): Promise<void> }> {
  const bodies: Array<{ changes: Array<{ type: string; action: string }> }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('curating the Latest rail', () => {
  let app: TestApp;
  let jwt: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const ids: Record<string, string> = {};

  const admin = () => ({
    get: (url: string) => app.http().get(url).set('Authorization', `Bearer ${jwt}`),
    post: (url: string) => app.http().post(url).set('Authorization', `Bearer ${jwt}`),
  });
  const publicRail = async (): Promise<RailData> => (await app.http().get('/api/latest-rail?limit=10').expect(200)).body.data;
  const titles = (rail: RailData) => rail.cards.map((card) => card.article?.title ?? card.text);

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestStrapi({
      env: { RAIL_ASSEMBLE_DELAY_MS: '30', REBUILD_WEBHOOK_URLS: receiver.url, REBUILD_WEBHOOK_QUIET_MS: '50', REBUILD_WEBHOOK_POLL_MS: '50' },
    });
    jwt = await adminToken(app);
    for (const name of ['Oldest', 'Middle', 'Newest']) {
      const article = await createArticle(app.strapi, { title: `${name} Story on Pearl Grading`, dek: `The ${name.toLowerCase()} dek.`, publish: true });
      ids[name] = article.documentId;
      // Distinct first-publication times, a second apart in the rail's order.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await app.strapi.plugin('newsroom').service('rail').assembleNow();
  });

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
  });

  afterEach(async () => {
    for (const documentId of Object.values(ids)) {
      await admin().post('/newsroom/rail/curation').send({ article: documentId, action: 'clear' }).expect(200);
    }
  });

  it('pins the oldest story to the top: the answer and the public rail show it at once, under a new version', async () => {
    const before = await publicRail();
    expect(titles(before).slice(0, 3)).toEqual(['Newest Story on Pearl Grading', 'Middle Story on Pearl Grading', 'Oldest Story on Pearl Grading']);

    const res = await admin().post('/newsroom/rail/curation').send({ article: ids.Oldest, action: 'pin', position: 1 }).expect(200);
    expect(res.body.data.cards[0]).toMatchObject({ position: 1, article: { documentId: ids.Oldest } });
    const entries = res.body.meta.curation as RailCurationEntry[];
    expect(entries).toEqual([
      expect.objectContaining({
        target: { type: 'article', documentId: ids.Oldest, label: 'Oldest Story on Pearl Grading' },
        action: 'pin',
        position: 1,
        until: null,
        decidedBy: 'Test Editor',
      }),
    ]);

    const after = await publicRail();
    expect(after.version).toBeGreaterThan(before.version);
    expect(titles(after).slice(0, 3)).toEqual(['Oldest Story on Pearl Grading', 'Newest Story on Pearl Grading', 'Middle Story on Pearl Grading']);
    expect((await admin().get('/newsroom/rail/curation').expect(200)).body.data).toEqual(entries);
  });

  it('lets a pin with an end time go when it expires', async () => {
    const untilTime = new Date(Date.now() + 1500).toISOString();
    await admin().post('/newsroom/rail/curation').send({ article: ids.Middle, action: 'pin', position: 1, until: untilTime }).expect(200);
    expect((await publicRail()).cards[0].article?.documentId).toBe(ids.Middle);
    const listed = (await admin().get('/newsroom/rail/curation').expect(200)).body.data as RailCurationEntry[];
    expect(listed.map((entry) => entry.until)).toEqual([untilTime]);

    const back = await until(async () => {
      const rail = await publicRail();
      return rail.cards[0].article?.documentId === ids.Newest ? rail : null;
    });
    expect(titles(back).slice(0, 3)).toEqual(['Newest Story on Pearl Grading', 'Middle Story on Pearl Grading', 'Oldest Story on Pearl Grading']);
    expect((await admin().get('/newsroom/rail/curation').expect(200)).body.data).toEqual([]);
  });

  it('hides a card without unpublishing its article, and clear brings it back', async () => {
    await admin().post('/newsroom/rail/curation').send({ article: ids.Newest, action: 'hide' }).expect(200);
    expect(titles(await publicRail())).not.toContain('Newest Story on Pearl Grading');
    await app.http().get(`/api/articles/${ids.Newest}`).expect(200);

    await admin().post('/newsroom/rail/curation').send({ article: ids.Newest, action: 'clear' }).expect(200);
    expect(titles(await publicRail())[0]).toBe('Newest Story on Pearl Grading');
  });

  it('pins a teaser of its own (a partner’s card no article carries) with its kind and sponsor', async () => {
    const teaser = await app.strapi.documents('api::teaser.teaser').create({
      data: { text: 'A partner’s feature on bench tools.', kind: 'sponsored', sponsor: 'Facet Co' } as never,
    });
    const res = await admin().post('/newsroom/rail/curation').send({ teaser: teaser.documentId, action: 'pin', position: 2 }).expect(200);
    expect(res.body.data.cards[1]).toEqual({ position: 2, text: 'A partner’s feature on bench tools.', kind: 'sponsored', sponsor: 'Facet Co', article: null });
    expect((await publicRail()).cards[1].text).toBe('A partner’s feature on bench tools.');
    await admin().post('/newsroom/rail/curation').send({ teaser: teaser.documentId, action: 'clear' }).expect(200);
    expect(titles(await publicRail())).not.toContain('A partner’s feature on bench tools.');
  });

  it('names the teaser behind a shown card no article carries, so the Newsroom page can act on it', async () => {
    const teaser = await app.strapi.documents('api::teaser.teaser').create({ data: { text: 'A card seen only on scraped pages.', kind: 'editorial' } as never });
    await admin().post('/newsroom/rail/curation').send({ teaser: teaser.documentId, action: 'pin', position: 3 }).expect(200);
    const res = await admin().get('/newsroom/rail?limit=5').expect(200);
    expect(res.body.data.cards[2]).toMatchObject({ position: 3, text: 'A card seen only on scraped pages.', article: null });
    expect(res.body.meta.teasers).toEqual({ 'A card seen only on scraped pages.': teaser.documentId });
    await admin().post('/newsroom/rail/curation').send({ teaser: teaser.documentId, action: 'hide' }).expect(200);
    expect(titles(await publicRail())).not.toContain('A card seen only on scraped pages.');
    await admin().post('/newsroom/rail/curation').send({ teaser: teaser.documentId, action: 'clear' }).expect(200);
  });

  it('tells the rebuild webhooks: a curation change is a rail change', async () => {
    const seen = receiver.bodies.length;
    await admin().post('/newsroom/rail/curation').send({ article: ids.Oldest, action: 'pin', position: 2 }).expect(200);
    const body = await until(async () => receiver.bodies.slice(seen).find((delivery) => delivery.changes.some((change) => change.type === 'rail')));
    expect(body.changes).toContainEqual(expect.objectContaining({ type: 'rail', action: 'rail' }));
  });

  it.each([
    [{ action: 'pin', position: 1 }, /exactly one of article or teaser/],
    [{ article: 'abc', teaser: 'def', action: 'hide' }, /exactly one of article or teaser/],
    [{ article: 'not a documentId!', action: 'hide' }, /article must be a documentId/],
    [{ article: 'abc', action: 'feature' }, /action must be one of pin, hide, clear/],
    [{ article: 'abc', action: 'pin' }, /position must be a whole number from 1 to 100/],
    [{ article: 'abc', action: 'pin', position: 101 }, /position must be a whole number from 1 to 100/],
    [{ article: 'abc', action: 'pin', position: 1, until: 'tomorrow' }, /until must be an ISO 8601 time/],
    [{ article: 'abc', action: 'pin', position: 1, until: '2020-01-01T00:00:00Z' }, /until must be in the future/],
    [{ article: 'abc', action: 'hide', position: 3 }, /position is only for action "pin"/],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const res = await admin().post('/newsroom/rail/curation').send(body).expect(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for a documentId that is no article or teaser', async () => {
    const res = await admin().post('/newsroom/rail/curation').send({ article: 'nosucharticle000', action: 'hide' }).expect(404);
    expect(res.body.error.message).toBe('no article nosucharticle000');
    await admin().post('/newsroom/rail/curation').send({ teaser: 'nosuchteaser000', action: 'clear' }).expect(404);
  });

  it('needs the Newsroom "curate" permission to change the rail; "read" may only list', async () => {
    const reader = await adminWithActions(app, 'Rail Reader', ['plugin::newsroom.read']);
    await app.http().get('/newsroom/rail/curation').set('Authorization', `Bearer ${reader}`).expect(200);
    await app.http().post('/newsroom/rail/curation').set('Authorization', `Bearer ${reader}`).send({ article: ids.Oldest, action: 'hide' }).expect(403);
    const curator = await adminWithActions(app, 'Rail Curator', ['plugin::newsroom.read', 'plugin::newsroom.curate']);
    await app.http().post('/newsroom/rail/curation').set('Authorization', `Bearer ${curator}`).send({ article: ids.Oldest, action: 'hide' }).expect(200);
    await app.http().post('/newsroom/rail/curation').send({ article: ids.Oldest, action: 'hide' }).expect(401);
  });
});
