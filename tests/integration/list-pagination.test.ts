import { createArticle } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

/**
 * The article list answers the pagination meta stock Strapi answers, whether it counted the
 * matches with a second query or read the total off a page that is not full (a lookup by slug).
 */
describe('the article list’s pagination meta', () => {
  let app: TestApp;
  let slug: string;
  const list = (query: string) => app.http().get(`/api/articles?${query}`);

  beforeAll(async () => {
    app = await startTestStrapi();
    for (const title of ['Counting Pages in Antwerp', 'Counting Pages in Tucson', 'Counting Pages in Dubai']) {
      await createArticle(app.strapi, { title, category: 'Counting', publish: true });
    }
    await createArticle(app.strapi, { title: 'Counting Pages in a Draft' });
    const one = await list('filters[title][$eq]=Counting Pages in Tucson').expect(200);
    slug = one.body.data[0].slug;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('gives a lookup by slug its one article and a total of 1', async () => {
    const res = await list(`filters[slug][$eq]=${slug}`).expect(200);
    expect(res.body.data.map((article: { slug: string }) => article.slug)).toEqual([slug]);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 1 });
    // Categories and authors are looked up by slug the same way.
    const category = await app.http().get('/api/categories?filters[slug][$eq]=counting').expect(200);
    expect(category.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 1 });
    const none = await list('filters[slug][$eq]=no-such-article').expect(200);
    expect(none.body).toEqual({ data: [], meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 } } });
  });

  it('counts published articles only, on a full page, the last page and past the end', async () => {
    const filter = 'filters[title][$startsWith]=Counting Pages';
    expect((await list(`${filter}&pagination[pageSize]=2`).expect(200)).body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    expect((await list(`${filter}&pagination[pageSize]=2&pagination[page]=2`).expect(200)).body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
    const past = await list(`${filter}&pagination[pageSize]=2&pagination[page]=5`).expect(200);
    expect(past.body).toEqual({ data: [], meta: { pagination: { page: 5, pageSize: 2, pageCount: 2, total: 3 } } });
    expect((await list(`${filter}&pagination[start]=1&pagination[limit]=5`).expect(200)).body.meta.pagination).toEqual({ start: 1, limit: 5, total: 3 });
  });

  it('leaves the total out when asked to, and refuses a withCount it cannot read', async () => {
    expect((await list('pagination[withCount]=false').expect(200)).body.meta.pagination).toEqual({ page: 1, pageSize: 25 });
    const bad = await list('pagination[withCount]=maybe').expect(400);
    expect(bad.body.error.message).toMatch(/withCount/);
  });
});
