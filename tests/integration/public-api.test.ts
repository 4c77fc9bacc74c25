import { createArticle } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

describe('public REST and GraphQL access', () => {
  let app: TestApp;
  let published: { documentId: string };
  let draft: { documentId: string };

  beforeAll(async () => {
    app = await startTestStrapi();
    published = await createArticle(app.strapi, {
      title: 'Goldsmiths Guild Opens Its Archive',
      dek: 'Three centuries of hallmark ledgers go online.',
      body: ['London—The guild has scanned its ledgers.', 'Researchers may search them for free.'],
      category: 'Industry',
      publish: true,
    });
    draft = await createArticle(app.strapi, {
      title: 'Embargoed Merger Story',
      body: ['Not for readers yet.'],
      category: 'Industry',
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('lists published articles with their category', async () => {
    const res = await app.http().get('/api/articles').query({ populate: 'category' }).expect(200);
    expect(res.body.data).toHaveLength(1);
    const [article] = res.body.data;
    expect(article).toMatchObject({
      documentId: published.documentId,
      title: 'Goldsmiths Guild Opens Its Archive',
      slug: 'goldsmiths-guild-opens-its-archive',
      dek: 'Three centuries of hallmark ledgers go online.',
      category: { name: 'Industry', slug: 'industry' },
    });
    expect(article.body[0]).toEqual({
      type: 'paragraph',
      children: [{ type: 'text', text: 'London—The guild has scanned its ledgers.' }],
    });
  });

  it('answers CORS with the wildcard, or the Origin that asked', async () => {
    const anonymous = await app.http().get('/api/articles').expect(200);
    expect(anonymous.headers['access-control-allow-origin']).toBe('*');
    const fromSite = await app.http().get('/api/articles').set('Origin', 'https://site.example').expect(200);
    expect(fromSite.headers['access-control-allow-origin']).toBe('https://site.example');
    expect(fromSite.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('reads one published article by documentId', async () => {
    const res = await app.http().get(`/api/articles/${published.documentId}`).expect(200);
    expect(res.body.data.title).toBe('Goldsmiths Guild Opens Its Archive');
  });

  it('never shows drafts to the public', async () => {
    await app.http().get(`/api/articles/${draft.documentId}`).expect(404);
    await app.http().get(`/api/articles/${draft.documentId}`).query({ status: 'draft' }).expect(404);
    const asDraft = await app.http().get('/api/articles').query({ status: 'draft' }).expect(200);
    expect(asDraft.body.data.map((a: { title: string }) => a.title)).not.toContain('Embargoed Merger Story');
    const viaCategory = await app.http().get('/api/categories').query({ populate: 'articles' }).expect(200);
    const titles = viaCategory.body.data.flatMap((c: { articles: { title: string }[] }) => c.articles.map((a) => a.title));
    expect(titles).toEqual(['Goldsmiths Guild Opens Its Archive']);
  });

  it('answers 403 to public writes', async () => {
    await app.http().post('/api/articles').send({ data: { title: 'Vandal' } }).expect(403);
    await app.http().put(`/api/articles/${published.documentId}`).send({ data: { title: 'Vandal' } }).expect(403);
    await app.http().delete(`/api/articles/${published.documentId}`).expect(403);
    await app.http().post('/api/categories').send({ data: { name: 'Vandal' } }).expect(403);
    await app.http().post('/api/teasers').send({ data: { text: 'Vandal' } }).expect(403);
    const stillThere = await app.strapi.documents('api::article.article').findOne({ documentId: published.documentId });
    expect(stillThere?.title).toBe('Goldsmiths Guild Opens Its Archive');
  });

  it('lets the public read teasers and categories', async () => {
    await app.strapi.documents('api::teaser.teaser').create({ data: { text: 'A new vault opens.', kind: 'editorial' } });
    const teasers = await app.http().get('/api/teasers').expect(200);
    expect(teasers.body.data.map((t: { text: string }) => t.text)).toEqual(['A new vault opens.']);
    const categories = await app.http().get('/api/categories').expect(200);
    expect(categories.body.data.map((c: { slug: string }) => c.slug)).toEqual(['industry']);
  });

  it('answers the GraphQL articles query without drafts', async () => {
    const res = await app
      .http()
      .post('/graphql')
      .send({ query: '{ articles { documentId title slug category { name } } }' })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.articles).toEqual([
      {
        documentId: published.documentId,
        title: 'Goldsmiths Guild Opens Its Archive',
        slug: 'goldsmiths-guild-opens-its-archive',
        category: { name: 'Industry' },
      },
    ]);
    const drafts = await app.http().post('/graphql').send({ query: '{ articles(status: DRAFT) { title } }' });
    const draftTitles = (drafts.body.data?.articles ?? []).map((a: { title: string }) => a.title);
    expect(draftTitles).not.toContain('Embargoed Merger Story');
  });

  it('refuses GraphQL mutations to the public', async () => {
    const res = await app
      .http()
      .post('/graphql')
      .send({ query: 'mutation { createArticle(data: { title: "Vandal" }) { documentId } }' });
    expect(res.body.data?.createArticle ?? null).toBeNull();
    expect(res.body.errors[0].message).toMatch(/forbidden/i);
    const count = await app.strapi.documents('api::article.article').count({ filters: { title: 'Vandal' } });
    expect(count).toBe(0);
  });

  it('limits GraphQL query depth', async () => {
    const deep =
      '{ articles { category { articles { category { articles { category { articles { category { name } } } } } } } } }';
    const res = await app.http().post('/graphql').send({ query: deep });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toMatch(/depth/i);
  });

  it("shows a source's public URL, never the file a page was read from", async () => {
    const page = 'Silversmiths Reopen The Old Assay Hall\n\nThe hall hosts a summer market.\n\nLondon—The assay hall opens its doors to silversmiths again.\nStalls run every Saturday until September.\n';
    const ingest = app.strapi.plugin('newsroom').service('ingest') as {
      ingestPage(text: string, options: object): Promise<{ report: { article: { documentId: string } } }>;
    };
    const { report } = await ingest.ingestPage(page, {
      publish: true,
      source: { url: 'https://news.example.com/articles/4242-silversmiths-reopen', file: '/home/editor/scrapes/silversmiths.txt' },
    });
    const res = await app.http().get(`/api/articles/${report.article.documentId}`).query({ populate: 'sources' }).expect(200);
    expect(res.body.data.sources).toHaveLength(1);
    expect(res.body.data.sources[0].url).toBe('https://news.example.com/articles/4242-silversmiths-reopen');
    expect(res.body.data.sources[0]).not.toHaveProperty('file');
    expect(JSON.stringify(res.body)).not.toContain('scrapes/silversmiths.txt');
    const stored = await app.strapi.documents('api::article.article').findOne({ documentId: report.article.documentId, populate: ['sources'] });
    expect((stored as unknown as { sources: Array<{ file: string }> }).sources[0].file).toBe('/home/editor/scrapes/silversmiths.txt');
  });
});
