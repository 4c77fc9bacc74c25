import { createArticle, createFullAccessToken } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

/**
 * The public edge, tried as an outsider would: every probe of the security review, with its exact
 * request, against a real Strapi. Nothing anonymous may show a draft, and no request may crash or
 * stall the server: each bad one gets a 4xx naming the problem, and /_health answers afterwards.
 */
const EMBARGOED_TITLE = 'Embargoed Merger Of Two Vault Makers';
const EMBARGOED_LINE = 'SECRET: the merger is signed on Friday.';
const PUBLISHED_IN_CATEGORY = 105;

function leaksDraft(body: unknown): boolean {
  const text = JSON.stringify(body);
  return text.includes('Embargoed Merger') || text.includes('SECRET: the merger');
}

/** A page in the scrapes' shape with `bodyLines` distinct body lines. */
function pageOf(title: string, bodyLines: number): string {
  const lines = [title, '', 'A dek for the page.', ''];
  for (let i = 0; i < bodyLines; i += 1) lines.push(`Paragraph ${i} of the long page, with words enough to be body text.`);
  return `${lines.join('\n')}\n`;
}

describe('the public edge (drafts, bounds, hostile input)', () => {
  let app: TestApp;
  let token: string;
  let readerJwt: string;
  let draftId: string;

  beforeAll(async () => {
    app = await startTestStrapi();
    for (let i = 0; i < PUBLISHED_IN_CATEGORY; i += 1) {
      await createArticle(app.strapi, { title: `Industry Story Number ${i}`, body: [`Body of story ${i}.`], category: 'Industry', publish: true });
    }
    const draft = await createArticle(app.strapi, { title: EMBARGOED_TITLE, dek: 'Embargoed Merger dek', body: [EMBARGOED_LINE], category: 'Industry' });
    draftId = draft.documentId;
    await app.strapi.documents('api::teaser.teaser').create({ data: { text: 'A card for the merger.', kind: 'editorial', article: draftId } as never });
    token = await createFullAccessToken(app.strapi);

    // A logged-in site member whose role may read articles: a reader all the same.
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    for (const action of ['api::article.article.find', 'api::category.category.find']) {
      await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
    const user = await app.strapi.plugin('users-permissions').service('user').add({
      username: 'member',
      email: 'member@example.com',
      password: 'Member-Passw0rd',
      provider: 'local',
      confirmed: true,
      role: role.id,
    });
    readerJwt = app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
  });

  const graphql = (query: string, headers: Record<string, string> = {}) => app.http().post('/graphql').set(headers).send({ query });

  describe('drafts never leave without an API token', () => {
    it.each([
      '/api/categories?status=draft&populate[articles][fields][0]=title&populate[articles][fields][1]=body',
      '/api/teasers?status=draft&populate=article',
      '/api/teasers?populate=article',
      '/api/articles?status=draft',
      `/api/articles/${'DRAFT_ID'}?status=draft`,
    ])('REST %s', async (url) => {
      const res = await app.http().get(url.replace('DRAFT_ID', () => draftId));
      expect([200, 404]).toContain(res.status);
      expect(leaksDraft(res.body)).toBe(false);
    });

    it('a relation filter is no oracle for draft titles', async () => {
      for (const status of ['draft', undefined]) {
        const res = await app
          .http()
          .get('/api/categories')
          .query({ ...(status ? { status } : {}), 'filters[articles][title][$containsi]': 'Embargoed' })
          .expect(200);
        expect(res.body.data).toEqual([]);
      }
      const published = await app.http().get('/api/categories').query({ 'filters[articles][title][$containsi]': 'Story Number 7' }).expect(200);
      expect(published.body.data.map((c: { name: string }) => c.name)).toEqual(['Industry']);
    });

    it('GraphQL: status at the root does not reach relations, and relation filters match published rows', async () => {
      const nested = await graphql('{ categories(status: DRAFT) { articles(pagination: { limit: 100 }) { title dek } } }').expect(200);
      expect(nested.body.errors).toBeUndefined();
      expect(nested.body.data.categories[0].articles).toHaveLength(100);
      expect(leaksDraft(nested.body)).toBe(false);

      const teasers = await graphql('{ teasers(status: DRAFT) { text article { title } } }').expect(200);
      expect(teasers.body.data.teasers).toEqual([{ text: 'A card for the merger.', article: null }]);

      const oracle = await graphql('{ categories(filters: { articles: { title: { containsi: "Embargoed" } } }) { name } }').expect(200);
      expect(oracle.body.data.categories).toEqual([]);
      const nestedOracle = await graphql('{ categories { articles(filters: { title: { containsi: "Embargoed" } }) { title } } }').expect(200);
      expect(nestedOracle.body.data.categories[0].articles).toEqual([]);
    });

    it('a logged-in site member reads published content only', async () => {
      const auth = { Authorization: `Bearer ${readerJwt}` };
      const list = await app.http().get('/api/articles').query({ status: 'draft', 'pagination[pageSize]': 100 }).set(auth).expect(200);
      expect(list.body.data.length).toBeGreaterThan(0);
      expect(leaksDraft(list.body)).toBe(false);
      const viaCategory = await app.http().get('/api/categories').query({ status: 'draft', populate: 'articles' }).set(auth).expect(200);
      expect(leaksDraft(viaCategory.body)).toBe(false);
    });

    it('an API token (a preview frontend) still reads drafts when it asks', async () => {
      const res = await app.http().get(`/api/articles/${draftId}`).query({ status: 'draft' }).set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body.data.title).toBe(EMBARGOED_TITLE);
      const viaGraphql = await graphql('{ categories(status: DRAFT) { articles(filters: { title: { containsi: "Embargoed" } }) { title } } }', {
        Authorization: `Bearer ${token}`,
      }).expect(200);
      expect(viaGraphql.body.data.categories[0].articles).toEqual([{ title: EMBARGOED_TITLE }]);
    });
  });

  describe('bounded reads', () => {
    it('a populated to-many relation holds at most maxLimit items per parent', async () => {
      const res = await app.http().get('/api/categories?populate=articles').expect(200);
      expect(res.body.data).toHaveLength(1);
      expect(res.body.data[0].articles).toHaveLength(100);
      const titles = new Set(res.body.data[0].articles.map((a: { title: string }) => a.title));
      expect(titles.size).toBe(100);
      // Read per parent, still sanitised as the rest of the answer: no private field, no draft.
      for (const article of res.body.data[0].articles) {
        expect(article).not.toHaveProperty('removedChrome');
        expect(article.publishedAt).not.toBeNull();
      }
    });

    it('a count of a to-many relation counts them all', async () => {
      const res = await app.http().get('/api/categories').query({ 'populate[articles][count]': 'true' }).expect(200);
      expect(res.body.data[0].articles).toEqual({ count: PUBLISHED_IN_CATEGORY });
    });

    it('a to-many relation under a to-one relation is capped per parent as well', async () => {
      const res = await app
        .http()
        .get('/api/articles')
        .query({ 'pagination[pageSize]': 2, 'populate[category][populate][articles][fields][0]': 'title' })
        .expect(200);
      expect(res.body.data).toHaveLength(2);
      for (const article of res.body.data) expect(article.category.articles).toHaveLength(100);
    });

    it('refuses the populate that exhausted the heap, naming the depth limit', async () => {
      const res = await app
        .http()
        .get(
          '/api/categories?populate[articles][populate][category][populate][articles][populate][category][populate][articles][fields][0]=title',
        )
        .expect(400);
      expect(res.body.error.message).toMatch(/nested 5 levels deep.*REST_POPULATE_DEPTH_LIMIT/);
      await app.http().get('/_health').expect(204);
    });

    it('refuses a populate whose response could exceed the document limit', async () => {
      const res = await app
        .http()
        .get('/api/categories')
        .query({ 'pagination[pageSize]': 100, 'populate[articles][populate][relatedArticles][fields][0]': 'title' })
        .expect(400);
      expect(res.body.error.message).toMatch(/REST_POPULATE_DOCUMENT_LIMIT/);
    });

    it('GraphQL: nested lists multiply into a cost that is refused, naming the limit', async () => {
      const res = await graphql(
        '{ categories { articles(pagination:{limit:100}) { category { articles(pagination:{limit:100}) { category { articles(pagination:{limit:100}) { title } } } } } } }',
      );
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/GRAPHQL_COST_LIMIT/);
      await app.http().get('/_health').expect(204);
    });

    it('GraphQL: too many aliases, too many tokens and an oversized body are refused, naming each limit', async () => {
      const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: latestRail(limit: 100) { version }`).join(' ');
      const manyAliases = await graphql(`{ ${aliases} }`);
      expect(manyAliases.status).toBe(400);
      expect(JSON.stringify(manyAliases.body.errors)).toMatch(/GRAPHQL_ALIAS_LIMIT/);

      const manyTokens = await graphql(`{ articles { ${'title '.repeat(6000)} } }`);
      expect(manyTokens.status).toBe(400);
      expect(JSON.stringify(manyTokens.body.errors)).toMatch(/GRAPHQL_TOKEN_LIMIT/);

      const huge = await graphql(`{ articles { title } } # ${'x'.repeat(100 * 1024)}`);
      expect(huge.status).toBe(413);
      expect(huge.body.errors[0]).toEqual({
        message: 'the GraphQL request is larger than 65536 bytes (GRAPHQL_BODY_LIMIT)',
        extensions: { code: 'GRAPHQL_BODY_LIMIT' },
      });

      const normal = await graphql('{ latestRail(limit: 100) { version cards { text article { title } } } articles { title } }').expect(200);
      expect(normal.body.errors).toBeUndefined();
    });
  });

  describe('bounded pages', () => {
    const ingest = () => app.http().post('/api/newsroom/ingest').set('Authorization', `Bearer ${token}`);

    it('a page of 100,000 short lines is refused at once with 413 naming the line limit', async () => {
      const lines = Array.from({ length: 100_000 }, (_, i) => `L${i % 1000}`);
      const page = `A Title Over Many Lines\n\n${lines.join('\n')}\n`;
      const res = await ingest().set('Content-Type', 'text/plain').send(page);
      expect(res.status).toBe(413);
      expect(res.body.error.message).toMatch(/100002 lines.*PAGE_LINE_LIMIT/);
      await app.http().get('/_health').expect(204);
    });

    it('the largest page the limits accept is stored', async () => {
      const res = await ingest().set('Content-Type', 'text/plain').send(pageOf('The Longest Accepted Page', 496));
      expect(res.status).toBe(201);
      const stored = await app.strapi.documents('api::article.article').findOne({ documentId: res.body.data.article.documentId });
      // Every body line is stored (the reader may take the dek line as body too).
      expect((stored?.body as unknown[]).length).toBeGreaterThanOrEqual(496);
    });

    it('refuses text that is not UTF-8, and a charset other than UTF-8, naming the problem', async () => {
      const latin1 = Buffer.from('Caf\xe9 Owners Meet\n\nA dek.\n\nThe body of the story.\n', 'latin1');
      const bad = await ingest().set('Content-Type', 'text/plain').send(latin1).expect(400);
      expect(bad.body.error.message).toMatch(/not valid UTF-8/);
      const declared = await ingest().set('Content-Type', 'text/plain; charset=iso-8859-1').send(latin1).expect(400);
      expect(declared.body.error.message).toMatch(/charset=iso-8859-1 is not accepted/);
      const bom = await ingest().set('Content-Type', 'text/plain; charset=utf-8').send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café Owners Meet In Lyon\n\nA dek.\n\nThe body of the story in Lyon.\n')]));
      expect(bom.status).toBe(201);
      const stored = await app.strapi.documents('api::article.article').findOne({ documentId: bom.body.data.article.documentId });
      expect(stored?.title).toBe('Café Owners Meet In Lyon');
    });

    it('refuses JSON sent as text/plain and an HTML fragment page', async () => {
      const json = await ingest().set('Content-Type', 'text/plain').send(JSON.stringify({ text: 'A Title\n\nBody line.' })).expect(400);
      expect(json.body.error.message).toMatch(/JSON document/);
      const fragment = await ingest().send({ text: '<div><h1>Fragment Title</h1>\n<p>One paragraph of the fragment.</p>\nA plain line of text after it.\n' }).expect(400);
      expect(fragment.body.error.message).toMatch(/markup/);
      expect(await app.strapi.documents('api::article.article').count({ filters: { title: { $containsi: 'Fragment Title' } } })).toBe(0);
    });
  });

  describe('400, never 500, for bad client input', () => {
    it('a malformed filter operator and non-numeric pagination', async () => {
      const op = await app.http().get('/api/articles?filters[title][$eq][$ne]=x').expect(400);
      expect(op.body.error.message).toMatch(/filters\[title\]\[\$eq\] takes a plain value/);
      const page = await app.http().get('/api/articles?pagination[pageSize]=abc').expect(400);
      expect(page.body.error.message).toMatch(/pagination\[pageSize\] must be a whole number/);
    });

    it('an over-deep blocks body from a token', async () => {
      // Written as text: the client's own JSON.stringify would overflow on a value this deep.
      const depth = 20_000;
      const nested = `${'{"type":"list-item","children":['.repeat(depth)}{"type":"text","text":"deep"}${']}'.repeat(depth)}`;
      const json = `{"data":{"title":"Deep Body","body":[{"type":"list","format":"unordered","children":[${nested}]}]}}`;
      const res = await app
        .http()
        .post('/api/articles')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send(json)
        .expect(400);
      expect(res.body.error.message).toMatch(/nested too deeply/);
    });

    it('private fields cannot be written through the content API', async () => {
      const res = await app
        .http()
        .post('/api/articles')
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { title: 'Forged Chrome', removedChrome: [{ line: 'x', reason: 'forged' }] } })
        .expect(400);
      expect(res.body.error.message).toMatch(/removedChrome is set by the newsroom plugin/);
      for (const field of ['pendingRelated', 'truncated', 'firstPublishedAt']) {
        const other = await app
          .http()
          .post('/api/articles')
          .set('Authorization', `Bearer ${token}`)
          .send({ data: { title: `Forged ${field}`, [field]: field === 'truncated' ? true : field === 'firstPublishedAt' ? '2001-01-01T00:00:00.000Z' : ['x'] } });
        expect(other.status).toBe(400);
      }
      expect(await app.strapi.documents('api::article.article').count({ filters: { title: { $startsWith: 'Forged' } } })).toBe(0);
    });

    it('self-registration is closed', async () => {
      const res = await app
        .http()
        .post('/api/auth/local/register')
        .send({ username: 'stranger', email: 'stranger@example.com', password: 'Stranger-Passw0rd' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('Register action is currently disabled');
      expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { username: 'stranger' } })).toBe(0);
    });

    it('the server still answers afterwards', async () => {
      await app.http().get('/_health').expect(204);
      const res = await app.http().get('/api/articles').expect(200);
      expect(res.body.data.length).toBe(25);
    });
  });
});
