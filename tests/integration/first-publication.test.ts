import { createArticle, createFullAccessToken } from '../helpers/content';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import type { RailData } from '../helpers/rail';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

/**
 * A story's first publication (`firstPublishedAt`): stamped when readers first see it, kept through
 * corrections, republishing and unpublish/publish, so a corrected headline keeps the story's place
 * in the rail and in lists sorted by it. Completeness (`truncated`) is public and read-only too.
 */
describe('first publication and completeness', () => {
  let database: TestDatabase;
  let app: TestApp;
  let token: string;
  let older: { documentId: string };
  let newer: { documentId: string };

  const rail = () => app.strapi.plugin('newsroom').service('rail') as { settle(): Promise<void> };
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const railOrder = async () => {
    await rail().settle();
    const res = await app.http().get('/api/latest-rail').expect(200);
    return (res.body.data as RailData).cards.map((card) => card.article?.documentId ?? null);
  };
  const sortedTitles = async (sort: string) => {
    const res = await app.http().get('/api/articles').query({ sort, 'fields[0]': 'title' }).expect(200);
    return res.body.data.map((article: { title: string }) => article.title);
  };
  const firstPublishedAtOf = async (documentId: string) => {
    const res = await app.http().get(`/api/articles/${documentId}`).expect(200);
    return res.body.data.firstPublishedAt as string | null;
  };

  beforeAll(async () => {
    // Owned here, not by the app: a test restarts Strapi on it.
    database = await createTestDatabase();
    app = await startTestStrapi({ database });
    token = await createFullAccessToken(app.strapi);
    older = await createArticle(app.strapi, { title: 'Vault Makers Merge', dek: 'Two vault makers become one.', body: ['The merger closed today.'], publish: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    newer = await createArticle(app.strapi, { title: 'Pearl Prices Ease', dek: 'Cultured pearls cost less this spring.', body: ['Prices fell by a tenth.'], publish: true });
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('is stamped on first publish and is public', async () => {
    const res = await app.http().get(`/api/articles/${older.documentId}`).expect(200);
    expect(res.body.data.firstPublishedAt).toEqual(expect.any(String));
    // Until the story is republished, its first publication is its publication.
    expect(res.body.data.firstPublishedAt).toBe(res.body.data.publishedAt);
    expect(Date.parse(await (firstPublishedAtOf(newer.documentId) as Promise<string>))).toBeGreaterThan(Date.parse(res.body.data.firstPublishedAt));
    const draft = await app.strapi.documents('api::article.article').create({ data: { title: 'Still A Draft Story', body: [] as never } });
    const row = await app.strapi.db.query('api::article.article').findOne({ where: { documentId: draft.documentId } });
    expect(row.firstPublishedAt).toBeNull();
  });

  it('a corrected headline keeps the story in its place in lists and in the rail', async () => {
    const firstBefore = await firstPublishedAtOf(older.documentId);
    expect(await sortedTitles('firstPublishedAt:desc')).toEqual(['Pearl Prices Ease', 'Vault Makers Merge']);
    expect(await railOrder()).toEqual([newer.documentId, older.documentId]);

    const corrected = await app
      .http()
      .put(`/api/articles/${older.documentId}`)
      .set(auth())
      .send({ data: { title: 'Vault Makers Complete Their Merger' } })
      .expect(200);
    expect(corrected.body.data.title).toBe('Vault Makers Complete Their Merger');
    expect(corrected.body.data.firstPublishedAt).toBe(firstBefore);

    expect(await sortedTitles('firstPublishedAt:desc')).toEqual(['Pearl Prices Ease', 'Vault Makers Complete Their Merger']);
    // Strapi's own publishedAt moved: sorting by it would have sent the corrected story to the top.
    expect(await sortedTitles('publishedAt:desc')).toEqual(['Vault Makers Complete Their Merger', 'Pearl Prices Ease']);
    expect(await railOrder()).toEqual([newer.documentId, older.documentId]);

    const graphql = await app
      .http()
      .post('/graphql')
      .send({ query: '{ articles(sort: "firstPublishedAt:desc") { title firstPublishedAt } }' })
      .expect(200);
    expect(graphql.body.data.articles).toEqual([
      { title: 'Pearl Prices Ease', firstPublishedAt: await firstPublishedAtOf(newer.documentId) },
      { title: 'Vault Makers Complete Their Merger', firstPublishedAt: firstBefore },
    ]);
  });

  it('is kept through unpublish and publish again', async () => {
    const firstBefore = await firstPublishedAtOf(newer.documentId);
    await app.strapi.documents('api::article.article').unpublish({ documentId: newer.documentId });
    await app.http().get(`/api/articles/${newer.documentId}`).expect(404);
    await app.strapi.documents('api::article.article').publish({ documentId: newer.documentId });
    expect(await firstPublishedAtOf(newer.documentId)).toBe(firstBefore);
  });

  it('cannot be written through the API, nor can completeness', async () => {
    for (const data of [{ firstPublishedAt: '2030-01-01T00:00:00.000Z' }, { truncated: true }]) {
      const res = await app.http().put(`/api/articles/${older.documentId}`).set(auth()).send({ data }).expect(400);
      expect(res.body.error.message).toMatch(/is set by the newsroom plugin/);
    }
  });

  it('completeness is public: a frontend can tell a body the scrape cut off', async () => {
    const res = await app.http().get(`/api/articles/${older.documentId}`).expect(200);
    expect(res.body.data.truncated).toBe(false);
  });

  it('articles published before the field existed get their publication as their first, at boot', async () => {
    const { documentId } = newer;
    await app.strapi.db.query('api::article.article').updateMany({ where: { documentId }, data: { firstPublishedAt: null } });
    const published = await app.strapi.db.query('api::article.article').findOne({ where: { documentId, publishedAt: { $notNull: true } } });
    await app.stop();
    app = await startTestStrapi({ database });
    const rows = await app.strapi.db.query('api::article.article').findMany({ where: { documentId } });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(new Date(row.firstPublishedAt).toISOString()).toBe(new Date(published.publishedAt).toISOString());
    token = await createFullAccessToken(app.strapi);
  });
});
