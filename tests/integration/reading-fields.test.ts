import fs from 'fs';
import path from 'path';
import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import { createFullAccessToken } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { loadLabelledPages, SAMPLES_DIR } from '../unit/page/labelled-pages';

/**
 * What a page template reads beside a story: word count, reading time, excerpt and canonical URL,
 * stored when the body or sources are written, public and read-only over REST and GraphQL.
 */
describe('reading fields of an article', () => {
  let app: TestApp;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const FIELDS = ['wordCount', 'readingTime', 'excerpt', 'canonicalUrl'] as const;
  const readFields = async (documentId: string) => {
    const res = await app.http().get(`/api/articles/${documentId}`).expect(200);
    return Object.fromEntries(FIELDS.map((field) => [field, res.body.data[field]]));
  };
  // Counted here independently: whitespace-separated tokens with a letter or digit.
  const words = (lines: string[]) => lines.join(' ').split(/\s+/).filter((token) => /[A-Za-z0-9]/.test(token)).length;

  beforeAll(async () => {
    app = await startTestStrapi();
    token = await createFullAccessToken(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('gives an ingested page its words, minutes, opening and the URL it was read from', async () => {
    const [page] = loadLabelledPages(SAMPLES_DIR, path.join(SAMPLES_DIR, 'labels')).filter((p) => p.file === 'coastal-guild-president-title-first.txt');
    const res = await app
      .http()
      .post('/api/newsroom/ingest')
      .set(auth())
      .send({ text: fs.readFileSync(path.join(SAMPLES_DIR, page.file), 'utf8'), source: page.label.url, publish: true })
      .expect(201);
    const documentId = res.body.data.article.documentId as string;
    expect(await readFields(documentId)).toEqual({
      wordCount: words(page.label.body),
      readingTime: 1,
      excerpt: page.label.body[0],
      canonicalUrl: page.label.url,
    });

    const graphql = await app
      .http()
      .post('/graphql')
      .send({ query: `{ article(documentId: "${documentId}") { wordCount readingTime excerpt canonicalUrl } }` })
      .expect(200);
    expect(graphql.body.data.article).toEqual(await readFields(documentId));
  });

  it('recounts when an editor rewrites the body, keeps the figures through a title fix, and refuses them as input', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of a long feature about pearl farming in the Gulf, with plenty of detail for readers.`);
    const created = await app
      .http()
      .post('/api/articles')
      .query({ status: 'published' })
      .set(auth())
      .send({ data: { title: 'A Long Feature About Pearl Farms', body: linesToBlocks(long) } })
      .expect(201);
    const documentId = created.body.data.documentId as string;
    expect(await readFields(documentId)).toEqual({ wordCount: words(long), readingTime: 4, excerpt: long[0], canonicalUrl: null });

    await app.http().put(`/api/articles/${documentId}`).set(auth()).send({ data: { body: linesToBlocks(['Cut to one short paragraph.']) } }).expect(200);
    expect(await readFields(documentId)).toMatchObject({ wordCount: 5, readingTime: 1, excerpt: 'Cut to one short paragraph.' });

    await app.http().put(`/api/articles/${documentId}`).set(auth()).send({ data: { title: 'A Short Note About Pearl Farms' } }).expect(200);
    expect(await readFields(documentId)).toMatchObject({ wordCount: 5, excerpt: 'Cut to one short paragraph.' });

    for (const field of FIELDS) {
      const refused = await app.http().put(`/api/articles/${documentId}`).set(auth()).send({ data: { [field]: field === 'wordCount' || field === 'readingTime' ? 1 : 'x' } });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
  });

  it('fills in articles stored before the fields existed', async () => {
    const created = await app
      .http()
      .post('/api/articles')
      .query({ status: 'published' })
      .set(auth())
      .send({ data: { title: 'An Older Story Without Figures', body: linesToBlocks(['Three words here.', 'And four more words.']) } })
      .expect(201);
    const documentId = created.body.data.documentId as string;
    await app.strapi.db.query('api::article.article').updateMany({ where: { documentId }, data: { wordCount: null, readingTime: null, excerpt: null } });
    expect(await readFields(documentId)).toMatchObject({ wordCount: null, excerpt: null });

    const filled = await (app.strapi.plugin('newsroom').service('readingFields') as { backfill(): Promise<number> }).backfill();
    expect(filled).toBe(2);
    expect(await readFields(documentId)).toMatchObject({ wordCount: 7, readingTime: 1, excerpt: 'Three words here.' });
  });

  it('gives an article SEO values from its title and dek, lets a corrected title carry over, and keeps what an editor wrote', async () => {
    const seoOf = async (documentId: string) => (await app.http().get(`/api/articles/${documentId}`).query({ populate: 'seo' }).expect(200)).body.data.seo;
    const created = await app
      .http()
      .post('/api/articles')
      .query({ status: 'published' })
      .set(auth())
      .send({ data: { title: 'Platinum Prices Ease', dek: 'Refiners expect a calmer spring.', body: linesToBlocks(['Platinum prices eased this week.']) } })
      .expect(201);
    const documentId = created.body.data.documentId as string;
    expect(await seoOf(documentId)).toMatchObject({ metaTitle: 'Platinum Prices Ease', metaDescription: 'Refiners expect a calmer spring.', shareImageCaption: null });

    await app.http().put(`/api/articles/${documentId}`).set(auth()).send({ data: { title: 'Platinum Prices Ease Again' } }).expect(200);
    expect(await seoOf(documentId)).toMatchObject({ metaTitle: 'Platinum Prices Ease Again', metaDescription: 'Refiners expect a calmer spring.' });

    await app.http().put(`/api/articles/${documentId}`).set(auth()).send({ data: { seo: { metaTitle: 'Platinum: a calmer spring', metaDescription: '' } } }).expect(200);
    await app.http().put(`/api/articles/${documentId}`).set(auth()).send({ data: { title: 'Platinum Prices Ease for a Third Week' } }).expect(200);
    expect(await seoOf(documentId)).toMatchObject({ metaTitle: 'Platinum: a calmer spring', metaDescription: 'Refiners expect a calmer spring.' });

    const graphql = await app.http().post('/graphql').send({ query: `{ article(documentId: "${documentId}") { seo { metaTitle metaDescription shareImageCaption } } }` }).expect(200);
    expect(graphql.body.data.article.seo).toEqual({ metaTitle: 'Platinum: a calmer spring', metaDescription: 'Refiners expect a calmer spring.', shareImageCaption: null });
  });
});
