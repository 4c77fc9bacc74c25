import slugify from 'slugify';
import { createArticle, createFullAccessToken } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

const TITLE = 'Tiffany & Co. Unveils “Blue Book” 2024 — Part Two';
const BASE = slugify(TITLE, { lower: true, strict: true, trim: true });

describe('slugs come from slugify on every route', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestStrapi();
    token = await createFullAccessToken(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('gives the same slug from the document service, REST and GraphQL, with -2 and -3 on collision', async () => {
    expect(BASE).toBe('tiffany-and-co-unveils-blue-book-2024-part-two');

    const viaService = await createArticle(app.strapi, { title: TITLE });
    expect(viaService.slug).toBe(BASE);

    const viaRest = await app
      .http()
      .post('/api/articles')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: TITLE, slug: 'a-slug-the-client-chose' } })
      .expect(201);
    expect(viaRest.body.data.slug).toBe(`${BASE}-2`);

    const viaGraphql = await app
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: `mutation { createArticle(data: { title: ${JSON.stringify(TITLE)} }) { slug } }` })
      .expect(200);
    expect(viaGraphql.body.errors).toBeUndefined();
    expect(viaGraphql.body.data.createArticle.slug).toBe(`${BASE}-3`);
  });

  it('follows the title while a draft, and keeps the slug once published', async () => {
    const article = await createArticle(app.strapi, { title: 'Draft Headline' });
    const articles = app.strapi.documents('api::article.article');

    const retitled = await articles.update({ documentId: article.documentId, data: { title: 'Better Headline' } });
    expect(retitled?.slug).toBe('better-headline');

    await articles.publish({ documentId: article.documentId });
    const afterPublish = await articles.update({
      documentId: article.documentId,
      data: { title: 'Corrected Headline After Publication', slug: 'client-slug' } as never,
    });
    expect(afterPublish?.slug).toBe('better-headline');

    const unrelatedEdit = await articles.update({ documentId: article.documentId, data: { dek: 'A dek.' } });
    expect(unrelatedEdit?.slug).toBe('better-headline');
  });

  it('does not count a document against itself when it is saved again', async () => {
    const article = await createArticle(app.strapi, { title: 'Saved Twice' });
    const again = await app.strapi
      .documents('api::article.article')
      .update({ documentId: article.documentId, data: { title: 'Saved Twice' } });
    expect(again?.slug).toBe('saved-twice');
  });

  it('slugs categories from their name', async () => {
    const res = await app
      .http()
      .post('/api/categories')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: 'Gems & Pearls' } })
      .expect(201);
    expect(res.body.data.slug).toBe('gems-and-pearls');
  });
});
