import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import { adminToken, createFullAccessToken } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

const ARTICLE = '/api/articles';
const ARTICLE_UID = 'api::article.article';
const THRESHOLD = 3;

/** What an editor pastes from a scrape: another story's teaser and the title/dek copies above, the story, a related line, and the rail. */
function pastedScrape(story: { title: string; dek: string; body: string[] }, relatedTitle: string): string[] {
  return [
    'Kessler Fine Jewelry Marks 50 Years With a Block Party',
    story.title,
    story.dek,
    story.body[0],
    `RELATED CONTENT: ${relatedTitle}`,
    ...story.body.slice(1),
    'The Latest',
    'A gemologist’s guide to spotting lab-grown melee in parcels.',
    '',
    'Supplier Spotlight Sponsored by Brightcut Tools',
    'The trade show adds a pavilion for independent designers.',
  ];
}

type Block = { type: string; children: Array<{ type: string; text?: string; bold?: boolean; url?: string; children?: unknown[] }> };

const textOf = (blocks: Block[]) =>
  blocks.map((block) => block.children.map((child) => child.text ?? (child.children as Array<{ text: string }>)?.map((c) => c.text).join('')).join(''));

describe('bodies are stripped of chrome on every route, and the boilerplate ledger', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestStrapi({ env: { BOILERPLATE_THRESHOLD: String(THRESHOLD) } });
    token = await createFullAccessToken(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const stored = (documentId: string) =>
    app.strapi.db.query(ARTICLE_UID).findOne({
      where: { documentId, publishedAt: null },
      select: ['body', 'removedChrome', 'pendingRelated'],
      populate: { relatedArticles: { select: ['documentId'] } },
    }) as Promise<{ body: Block[]; removedChrome: Array<{ line: string; reason: string }> | null; pendingRelated: string[] | null; relatedArticles: Array<{ documentId: string }> }>;

  it('stores a clean body for a REST create with a pasted scrape, links RELATED CONTENT, and notes what went', async () => {
    const related = await app
      .http()
      .post(ARTICLE)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Casting Houses Report A Busy Spring', body: linesToBlocks(['New York—Casting houses say spring orders ran well ahead of last year.']) } })
      .expect(201);

    const story = {
      title: 'Brightwater Pearls Opens A Grading Lab',
      dek: 'The lab will grade cultured pearls for independent retailers.',
      body: [
        'Honolulu—Brightwater Pearls opened a grading laboratory on Tuesday for cultured pearls sold to independent stores.',
        'The lab grades luster, surface and matching, and issues a report with each strand it examines.',
        '“Retailers asked us for one consistent language,” said the company’s director, Mele Kahale.',
      ],
    };
    const data = { title: story.title, dek: story.dek, body: linesToBlocks(pastedScrape(story, 'Casting Houses Report A Busy Spring')) };
    const created = await app.http().post(ARTICLE).set('Authorization', `Bearer ${token}`).send({ data }).expect(201);
    const documentId = created.body.data.documentId as string;

    // The API answers with the clean body, exactly the story's own lines, typography untouched.
    expect(textOf(created.body.data.body)).toEqual(story.body);
    expect(created.body.data.removedChrome).toBeUndefined();
    const row = await stored(documentId);
    expect(textOf(row.body)).toEqual(story.body);
    const reasons = new Map((row.removedChrome ?? []).map((entry) => [entry.line, entry.reason]));
    expect(reasons.get('The Latest')).toBe('latest-rail');
    expect(reasons.get('The trade show adds a pavilion for independent designers.')).toBe('latest-rail');
    expect(reasons.get('RELATED CONTENT: Casting Houses Report A Busy Spring')).toBe('related-content');
    expect(reasons.get(story.title)).toBe('title-copy');
    expect(reasons.get(story.dek)).toBe('dek-copy');
    expect(reasons.get('Kessler Fine Jewelry Marks 50 Years With a Block Party')).toBe('lead-teaser');
    expect(row.relatedArticles.map((article) => article.documentId)).toEqual([related.body.data.documentId]);

    // The same paste again is the same story: the first document answers, nothing new is written.
    const again = await app.http().post(ARTICLE).set('Authorization', `Bearer ${token}`).send({ data }).expect(200);
    expect(again.body.data.documentId).toBe(documentId);
    expect(again.body.meta.deduplicated).toEqual({ documentId, changed: false });
    const rows = (await app.strapi.db.query(ARTICLE_UID).findMany({ where: { title: story.title }, select: ['documentId'] })) as Array<{ documentId: string }>;
    expect(new Set(rows.map((row) => row.documentId))).toEqual(new Set([documentId]));
  });

  it('keeps the formatting of the blocks it keeps', async () => {
    const body = [
      { type: 'paragraph', children: [{ type: 'text', text: 'Denver—A ' }, { type: 'text', text: 'bold', bold: true }, { type: 'text', text: ' claim about recycled gold, made on Monday by a refiner.' }] },
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'What the refiner said' }] },
      { type: 'paragraph', children: [{ type: 'link', url: 'https://example.com/report', children: [{ type: 'text', text: 'The full report' }] }, { type: 'text', text: ' is online.' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'The Latest' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'A card of another story that was pasted by mistake.' }] },
    ];
    const res = await app
      .http()
      .post(ARTICLE)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Refiner Makes A Recycled Gold Claim', body } })
      .expect(201);
    expect(res.body.data.body).toEqual(body.slice(0, 3));
  });

  it('cleans a GraphQL create and a REST update the same way', async () => {
    const mutation = `mutation($data: ArticleInput!) { createArticle(data: $data) { documentId body } }`;
    const lines = ['Paris—A watch auction set a record for an independent maker on Sunday evening.', 'The Latest', 'Another story’s card.'];
    const res = await app
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: mutation, variables: { data: { title: 'Independent Watchmaker Sets Auction Record', body: linesToBlocks(lines) } } })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    const documentId = res.body.data.createArticle.documentId as string;
    expect(textOf(res.body.data.createArticle.body)).toEqual([lines[0]]);

    const edited = [lines[0], 'The hammer price beat the estimate by a third.', 'RELATED CONTENT: A Story We Do Not Have Yet', 'The Latest', 'A card.'];
    const put = await app
      .http()
      .put(`${ARTICLE}/${documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { body: linesToBlocks(edited) } })
      .expect(200);
    expect(textOf(put.body.data.body)).toEqual(edited.slice(0, 2));
    const row = await stored(documentId);
    expect(row.pendingRelated).toEqual(['A Story We Do Not Have Yet']);
    expect(row.removedChrome?.filter((entry) => entry.line === 'The Latest')).toHaveLength(1);
  });

  it('cleans a body pasted in the admin, through edit and publish, in one document', async () => {
    const jwt = await adminToken(app);
    const base = '/content-manager/collection-types/api::article.article';
    const title = 'Guild Adds A Course On Estate Jewelry';
    const story = ['Boston—The guild will teach a six-week course on buying estate jewelry this fall.'];
    const created = await app
      .http()
      .post(base)
      .set('Authorization', `Bearer ${jwt}`)
      .send({ title, body: linesToBlocks([title, ...story, 'The Latest', 'A card pasted with it.']) })
      .expect(201);
    const documentId = created.body.data.documentId as string;
    expect(textOf(created.body.data.body)).toEqual(story);
    await app
      .http()
      .put(`${base}/${documentId}`)
      .set('Authorization', `Bearer ${jwt}`)
      .send({ title, body: linesToBlocks([...story, 'Seats are limited to twenty.', 'The Latest', 'Again a card.']) })
      .expect(200);
    await app.http().post(`${base}/${documentId}/actions/publish`).set('Authorization', `Bearer ${jwt}`).send({}).expect(200);
    const live = await app.http().get(`${ARTICLE}/${documentId}`).expect(200);
    expect(textOf(live.body.data.body)).toEqual([...story, 'Seats are limited to twenty.']);
    expect(await app.strapi.db.query(ARTICLE_UID).count({ where: { documentId } })).toBe(2);
  });

  it('records a line repeated across articles in the ledger, strips it at the threshold, and keeps it once an editor says so', async () => {
    const footer = 'Subscribe to the Weekly Sparkle newsletter for more stories like this.';
    const create = (n: number) =>
      app
        .http()
        .post(ARTICLE)
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { title: `Ledger Story Number ${n}`, body: linesToBlocks([`Story ${n} opens with its own first paragraph about topic ${n}.`, footer]) } })
        .expect(201);

    for (let n = 1; n <= THRESHOLD; n += 1) {
      const res = await create(n);
      expect(textOf(res.body.data.body)).toContain(footer);
    }
    const jwt = await adminToken(app);
    const ledger = await app.http().get('/newsroom/boilerplate').set('Authorization', `Bearer ${jwt}`).expect(200);
    const entry = (ledger.body.data as Array<{ id: number; line: string; count: number; boilerplate: boolean; keep: boolean }>).find(
      (item) => item.line === footer
    );
    expect(entry).toMatchObject({ count: THRESHOLD, boilerplate: true, keep: false });

    const stripped = await create(THRESHOLD + 1);
    expect(textOf(stripped.body.data.body)).toEqual([`Story ${THRESHOLD + 1} opens with its own first paragraph about topic ${THRESHOLD + 1}.`]);
    const row = await stored(stripped.body.data.documentId);
    expect(row.removedChrome).toEqual([{ line: footer, reason: 'boilerplate' }]);

    await app.http().put(`/newsroom/boilerplate/${entry!.id}`).set('Authorization', `Bearer ${jwt}`).send({ keep: true }).expect(200);
    const kept = await create(THRESHOLD + 2);
    expect(textOf(kept.body.data.body)).toContain(footer);
    const after = await app.http().get('/newsroom/boilerplate').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect((after.body.data as Array<{ line: string; keep: boolean; boilerplate: boolean }>).find((item) => item.line === footer)).toMatchObject({
      keep: true,
      boilerplate: false,
    });
  });

  it('lists merges for editors: which source merged into which article', async () => {
    const title = 'Merge Log Story About A Gem Show';
    const body = linesToBlocks(['Tucson—The gem show opened with more exhibitors than last year, organizers said.']);
    const first = await app.http().post(ARTICLE).set('Authorization', `Bearer ${token}`).send({ data: { title, body } }).expect(201);
    await app
      .http()
      .post(ARTICLE)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title, body, sources: [{ url: 'https://news.example/gem-show-copy', file: null }] } })
      .expect(200);
    const jwt = await adminToken(app);
    const merges = await app.http().get('/newsroom/merges').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(merges.body.data[0]).toMatchObject({
      documentId: first.body.data.documentId,
      title,
      source: 'https://news.example/gem-show-copy',
      // The same text from another page: logged as a copy, the article itself is not rewritten.
      changed: false,
    });
  });
});
