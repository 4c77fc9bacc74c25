import fs from 'fs';
import path from 'path';
import { createFullAccessToken } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { SAMPLES_DIR } from '../unit/page/labelled-pages';

const samplePage = (name: string) => fs.readFileSync(path.join(SAMPLES_DIR, `${name}.txt`), 'utf8');

/** An API token limited to exactly the given actions ("custom" type). */
async function createCustomToken(app: TestApp, permissions: string[]): Promise<string> {
  const token = await app.strapi.service('admin::api-token').create({
    name: `custom ${permissions.join(' ')} ${Date.now()}`,
    type: 'custom',
    lifespan: null,
    permissions,
  });
  return token.accessKey as string;
}

describe('POST /api/newsroom/ingest', () => {
  let app: TestApp;
  let ingestToken: string;

  beforeAll(async () => {
    app = await startTestStrapi();
    ingestToken = await createCustomToken(app, ['plugin::newsroom.ingest.ingest']);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const post = () => app.http().post('/api/newsroom/ingest');

  it('answers 403 to the public, to a logged-in reader and to a read-only token', async () => {
    await post().set('Content-Type', 'text/plain').send(samplePage('halvorsen-antwerp-rail-a')).expect(403);

    const readOnly = await app.strapi.service('admin::api-token').create({ name: 'read only', type: 'read-only', lifespan: null });
    await post().set('Authorization', `Bearer ${readOnly.accessKey}`).send({ text: 'x' }).expect(403);

    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const user = await app.strapi.plugin('users-permissions').service('user').add({
      username: 'reader',
      email: 'reader@example.com',
      password: 'Reader-Passw0rd',
      provider: 'local',
      confirmed: true,
      role: role.id,
    });
    const jwt = app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
    await post().set('Authorization', `Bearer ${jwt}`).send({ text: 'x' }).expect(403);
    expect(await app.strapi.documents('api::article.article').count({})).toBe(0);
  });

  it('refuses bad input with the reason', async () => {
    const auth = { Authorization: `Bearer ${ingestToken}` };
    const noText = await post().set(auth).send({ source: 'x.txt' }).expect(400);
    expect(noText.body.error.message).toBe('text is required and must be a string');

    const html = await post().set(auth).send({ text: '<!doctype html><html><body><p>Hi</p></body></html>' }).expect(400);
    expect(html.body.error.message).toMatch(/HTML/i);

    const empty = await post().set(auth).set('Content-Type', 'text/plain').send('   \n  ').expect(400);
    expect(empty.body.error.message).toMatch(/empty/i);

    const badPublish = await post().set(auth).send({ text: samplePage('halvorsen-antwerp-rail-a'), publish: 'yes' }).expect(400);
    expect(badPublish.body.error.message).toBe('publish must be true or false');

    const huge = 'A headline\nA dek line.\n' + 'x'.repeat(2 * 1024 * 1024 + 10);
    const tooLarge = await post().set(auth).send({ text: huge }).expect(413);
    expect(tooLarge.body.error.message).toMatch(/larger than 2097152 bytes/);

    expect(await app.strapi.documents('api::article.article').count({})).toBe(0);
  });

  it('reads a page with a granted token, and a second read of it creates nothing new', async () => {
    const auth = { Authorization: `Bearer ${ingestToken}` };
    const page = samplePage('halvorsen-antwerp-rail-a');
    const first = await post().set(auth).send({ text: page, source: 'https://example.com/articles/7301-x', publish: true }).expect(201);
    expect(first.body).toMatchObject({
      data: {
        source: 'https://example.com/articles/7301-x',
        status: 'created',
        article: { documentId: expect.any(String), slug: expect.any(String) },
      },
      meta: {},
    });
    expect(first.body.data.rail.length).toBeGreaterThan(10);
    const teasersAfterFirst = await app.strapi.documents('api::teaser.teaser').count({});
    expect(teasersAfterFirst).toBeGreaterThan(10);

    const second = await post().set(auth).set('Content-Type', 'text/plain').query({ publish: 'true' }).send(page).expect(200);
    expect(second.body.data.status).toBe('merged');
    expect(second.body.data.article.documentId).toBe(first.body.data.article.documentId);
    expect(await app.strapi.documents('api::article.article').count({})).toBe(1);
    expect(await app.strapi.documents('api::teaser.teaser').count({})).toBe(teasersAfterFirst);

    const read = await app.http().get(`/api/articles/${first.body.data.article.documentId}`).expect(200);
    expect(read.body.data.title).toBe(first.body.data.article.title);
  });

  it('accepts a full-access token too', async () => {
    const token = await createFullAccessToken(app.strapi);
    const res = await post().set('Authorization', `Bearer ${token}`).send({ text: samplePage('coastal-guild-president-title-first') });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('created');
  });
});
