import fs from 'fs';
import path from 'path';
import { grantPublicPermissions, PUBLIC_ACTIONS } from '../../src/bootstrap/grant-public-permissions';
import { createFullAccessToken } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { SAMPLES_DIR } from '../unit/page/labelled-pages';

/** A second column by the same author, in the same shape as our sample (written for this test). */
const SECOND_COLUMN = [
  'Columns',
  '',
  'Price the Repair Before You Touch the Ring',
  '',
  'ColumnsJune 3, 2024',
  '',
  'Price the Repair Before You Touch the Ring',
  '',
  'Dana Whitlock says a written estimate saves more goodwill than any discount.',
  '',
  'Dana Whitlock headshot',
  'Dana Whitlock is the founder of Whitlock Retail Advisory and has consulted for independent jewelers for 20 years.',
  '',
  'A customer who hears the price after the work is done remembers the surprise, not the craft.',
  'Write the estimate down, have the customer sign it, and call before the work goes past it.',
  '',
].join('\n');

describe('authors read from a column’s author box', () => {
  let app: TestApp;
  let token: string;
  const ingest = (text: string, publish: boolean, source: string) =>
    app.http().post('/api/newsroom/ingest').set('Authorization', `Bearer ${token}`).send({ text, source, publish }).expect(201);

  beforeAll(async () => {
    app = await startTestStrapi();
    token = await createFullAccessToken(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('links the article to one author per person, and keeps the box out of the body', async () => {
    const first = await ingest(fs.readFileSync(path.join(SAMPLES_DIR, 'whitlock-column-category.txt'), 'utf8'), true, 'https://example.com/articles/7341-x');
    const second = await ingest(SECOND_COLUMN, true, 'https://example.com/articles/7350-y');

    const authors = await app.http().get('/api/authors').query({ populate: 'articles' }).expect(200);
    expect(authors.body.data).toHaveLength(1);
    const [dana] = authors.body.data;
    expect(dana).toMatchObject({
      name: 'Dana Whitlock',
      slug: 'dana-whitlock',
      role: 'founder',
      bio: 'Dana Whitlock is the founder of Whitlock Retail Advisory and has consulted for independent jewelers for 20 years.',
      headshotCaption: 'Dana Whitlock headshot',
      publicEmail: null,
    });
    expect(dana).not.toHaveProperty('email');
    expect(dana.articles.map((a: { documentId: string }) => a.documentId).sort()).toEqual(
      [first.body.data.article.documentId, second.body.data.article.documentId].sort()
    );

    const article = await app.http().get(`/api/articles/${first.body.data.article.documentId}`).query({ populate: 'authors' }).expect(200);
    expect(article.body.data.authors.map((a: { name: string }) => a.name)).toEqual(['Dana Whitlock']);
    const bodyText = JSON.stringify(article.body.data.body);
    expect(bodyText).not.toContain('headshot');
    expect(bodyText).not.toContain('founder of Whitlock Retail Advisory');

    const graphql = await app.http().post('/graphql').send({ query: '{ authors { name role articles { title } } }' }).expect(200);
    expect(graphql.body.data.authors).toEqual([
      { name: 'Dana Whitlock', role: 'founder', articles: expect.arrayContaining([{ title: 'Stop Discounting Your Expertise' }, { title: 'Price the Repair Before You Touch the Ring' }]) },
    ]);
  });

  it('shows readers only an author’s published articles', async () => {
    const draft = SECOND_COLUMN.replace(/Price the Repair Before You Touch the Ring/g, 'An Embargoed Column About Gold Buying').replace('written estimate', 'gold buying policy');
    await ingest(draft, false, 'https://example.com/articles/7360-z');
    for (const query of [{ populate: 'articles' }, { populate: 'articles', status: 'draft' }]) {
      const res = await app.http().get('/api/authors').query(query).expect(200);
      expect(res.body.data[0].articles.map((a: { title: string }) => a.title)).not.toContain('An Embargoed Column About Gold Buying');
    }
    const graphql = await app.http().post('/graphql').send({ query: '{ authors(status: DRAFT) { articles { title } } }' });
    expect(JSON.stringify(graphql.body)).not.toContain('Embargoed');
  });

  it('keeps an author unknown to readers until one of their articles is published', async () => {
    const marcus = SECOND_COLUMN.replace(/Price the Repair Before You Touch the Ring/g, 'Why We Are Changing How We Cover Auctions')
      .replace('Dana Whitlock says a written estimate saves more goodwill than any discount.', 'Marcus Reyes explains the new rules for our auction coverage.')
      .replace('Dana Whitlock headshot', 'Marcus Reyes headshot')
      .replace(/Dana Whitlock is the founder of Whitlock Retail Advisory and has consulted for independent jewelers for 20 years\./, 'Marcus Reyesis the managing editor at Trade Gazette, overseeing its coverage online and in print.')
      .replace('A customer who hears the price after the work is done remembers the surprise, not the craft.', 'From this issue on, every auction result we print names the house and the estimate.');
    const draft = await ingest(marcus, false, 'https://example.com/articles/7370-w');
    const names = async () => ((await app.http().get('/api/authors').expect(200)).body.data as Array<{ name: string }>).map((a) => a.name).sort();
    expect(await names()).toEqual(['Dana Whitlock']);
    const graphql = await app.http().post('/graphql').send({ query: '{ authors { name } }' }).expect(200);
    expect(graphql.body.data.authors).toEqual([{ name: 'Dana Whitlock' }]);

    await app.strapi.documents('api::article.article').publish({ documentId: draft.body.data.article.documentId });
    expect(await names()).toEqual(['Dana Whitlock', 'Marcus Reyes']);
    const res = await app.http().get('/api/authors').query({ filters: { slug: { $eq: 'marcus-reyes' } } }).expect(200);
    expect(res.body.data[0]).toMatchObject({ role: 'managing editor', headshotCaption: 'Marcus Reyes headshot' });
  });

  it('adds the author a later copy names to the story it merges into', async () => {
    const withoutBox = SECOND_COLUMN.replace(/Price the Repair Before You Touch the Ring/g, 'Count the Stones Before the Customer Leaves')
      .replace('Dana Whitlock says a written estimate saves more goodwill than any discount.', 'A signed intake sheet settles arguments before they start.')
      .replace('A customer who hears the price after the work is done remembers the surprise, not the craft.', 'Every ring that comes in for repair gets its stones counted in front of the customer.');
    const boxless = withoutBox.replace('Dana Whitlock headshot\n', '').replace(/Dana Whitlock is the founder[^\n]*\n/, '');
    const first = await ingest(boxless, true, 'https://example.com/articles/7380-v');
    const noAuthors = await app.http().get(`/api/articles/${first.body.data.article.documentId}`).query({ populate: 'authors' }).expect(200);
    expect(noAuthors.body.data.authors).toEqual([]);

    const merged = await app
      .http()
      .post('/api/newsroom/ingest')
      .set('Authorization', `Bearer ${token}`)
      .send({ text: withoutBox, source: 'https://example.com/articles/7380-v?print=1', publish: true })
      .expect(200);
    expect(merged.body.data.article.documentId).toBe(first.body.data.article.documentId);
    const linked = await app.http().get(`/api/articles/${first.body.data.article.documentId}`).query({ populate: 'authors' }).expect(200);
    expect(linked.body.data.authors.map((a: { name: string }) => a.name)).toEqual(['Dana Whitlock']);
  });

  it('reads an author box closing the body, and a bio standing alone, into the article’s authors', async () => {
    const closing = await ingest(fs.readFileSync(path.join(SAMPLES_DIR, 'whitlock-column-closing-box.txt'), 'utf8'), true, 'https://example.com/articles/7415-z');
    const note = await ingest(fs.readFileSync(path.join(SAMPLES_DIR, 'reyes-editors-note-bio-only.txt'), 'utf8'), true, 'https://example.com/articles/7402-w');
    const authorsOf = async (documentId: string) =>
      (await app.http().get(`/api/articles/${documentId}`).query({ populate: 'authors' }).expect(200)).body.data as { authors: Array<{ name: string; role: string }>; body: unknown };

    const column = await authorsOf(closing.body.data.article.documentId);
    // The same Dana Whitlock as the other columns: one author per person.
    expect(column.authors.map((author) => author.name)).toEqual(['Dana Whitlock']);
    expect(JSON.stringify(column.body)).not.toMatch(/retail consultant|can be reached|columnist Dana Whitlock/);
    const editor = await authorsOf(note.body.data.article.documentId);
    expect(editor.authors).toEqual([expect.objectContaining({ name: 'Marcus Reyes', role: 'managing editor' })]);
    expect(JSON.stringify(editor.body)).not.toContain('managing editor');
    const names = (await app.http().get('/api/authors').expect(200)).body.data.map((author: { name: string }) => author.name).sort();
    expect(names).toEqual(['Dana Whitlock', 'Marcus Reyes']);
  });

  it('stores a scraped inline link as a link node, and its rendered twin as the same paragraph', async () => {
    const stored = await app.http().get('/api/articles').query({ 'filters[title][$eq]': 'Hire for Curiosity, Train for Product' }).expect(200);
    const paragraphs = stored.body.data[0].body as Array<{ children: Array<{ type: string; text?: string; url?: string; children?: Array<{ text: string }> }> }>;
    const withLink = paragraphs.filter((block) => block.children.some((child) => child.type === 'link'));
    expect(withLink).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Click ' },
          { type: 'link', url: 'https://example.com/guides/interview-questions', children: [{ type: 'text', text: 'here' }] },
          { type: 'text', text: ' to download my list of interview questions.' },
        ],
      },
    ]);
    const texts = paragraphs.map((block) => block.children.map((child) => child.text ?? child.children?.map((c) => c.text).join('')).join(''));
    expect(texts.filter((text) => text === 'Click here to download my list of interview questions.')).toHaveLength(1);
    expect(JSON.stringify(paragraphs)).not.toContain('<a ');
  });

  it('links the author of a box pasted into a body over REST, and leaves the box out of the body', async () => {
    const res = await app
      .http()
      .post('/api/articles')
      .set('Authorization', `Bearer ${token}`)
      .send({
        data: {
          title: 'Sell the Service Plan Before the Sale',
          body: [
            { type: 'paragraph', children: [{ type: 'text', text: 'A service plan sold at the counter is worth more than one sold by mail.' }] },
            { type: 'paragraph', children: [{ type: 'text', text: 'Ask about it while the customer is still holding the ring.' }] },
            { type: 'paragraph', children: [{ type: 'text', text: 'Priya Natarajan is a contributing editor at Trade Gazette. She can be reached at priya@example.com.' }] },
          ],
        },
      })
      .expect(201);
    const documentId = res.body.data.documentId as string;
    const draft = await app.strapi.documents('api::article.article').findOne({ documentId, populate: { authors: { fields: ['name', 'role', 'publicEmail'] } } });
    expect((draft as unknown as { authors: unknown[] }).authors).toEqual([expect.objectContaining({ name: 'Priya Natarajan', role: 'contributing editor', publicEmail: 'priya@example.com' })]);
    expect(JSON.stringify((draft as unknown as { body: unknown }).body)).not.toContain('Priya');
    // An edit that does not send authors keeps them.
    await app.http().put(`/api/articles/${documentId}`).set('Authorization', `Bearer ${token}`).send({ data: { dek: 'Sell it at the counter.' } }).expect(200);
    const edited = await app.strapi.documents('api::article.article').findOne({ documentId, populate: { authors: { fields: ['name'] } } });
    expect((edited as unknown as { authors: Array<{ name: string }> }).authors.map((author) => author.name)).toEqual(['Priya Natarajan']);
  });

  it('grants readers the authors on a database whose public permissions were granted before authors existed', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const authorActions = PUBLIC_ACTIONS.filter((action) => action.startsWith('api::author.'));
    await app.strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { role: role.id, action: { $in: authorActions } } });
    const store = app.strapi.store({ type: 'app', name: 'newsroom', key: 'public-permissions-granted' });
    await store.set({ value: { grantedAt: new Date().toISOString(), actions: PUBLIC_ACTIONS.filter((action) => !authorActions.includes(action)) } });

    await grantPublicPermissions(app.strapi);
    const granted = await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id, action: { $in: authorActions } } });
    expect(granted.map((permission: { action: string }) => permission.action).sort()).toEqual([...authorActions].sort());
    // Granted once: an administrator who takes them away again keeps them away.
    await app.strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { role: role.id, action: { $in: authorActions } } });
    await grantPublicPermissions(app.strapi);
    expect(await app.strapi.db.query('plugin::users-permissions.permission').count({ where: { role: role.id, action: { $in: authorActions } } })).toBe(0);
  });
});
