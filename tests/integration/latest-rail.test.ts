import fs from 'fs';
import path from 'path';
import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import { readPage } from '../../src/plugins/newsroom/server/src/page';
import { observedOrder, type RailData } from '../helpers/rail';
import { normaliseCardText } from '../../src/plugins/newsroom/server/src/rail';
import { createFullAccessToken } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { SAMPLES_DIR } from '../unit/page/labelled-pages';

type Card = RailData['cards'][number];

// Longer than one publish takes, even on PostgreSQL, so a burst really is a burst.
const ASSEMBLE_DELAY_MS = 200;
// Not the built-in 20, to show that RAIL_DEFAULT_LIMIT is what a request without a limit gets.
const DEFAULT_LIMIT = 8;
const ARTICLE_UID = 'api::article.article';

/** Sponsored labels of the newest page that shows any, at their positions among shown cards. */
function sponsoredSlots(pageText: string): Array<{ position: number; text: string; sponsor: string | null }> {
  const shown = readPage(pageText).rail.filter((card) => card.kind !== 'blank' && card.text.trim() !== '');
  return shown
    .map((card, index) => ({ position: index + 1, text: card.text.trim(), sponsor: card.sponsor, kind: card.kind }))
    .filter((card) => card.kind === 'sponsored')
    .map(({ position, text, sponsor }) => ({ position, text, sponsor }));
}

describe('GET /api/latest-rail and GraphQL latestRail', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestStrapi({
      env: { RAIL_ASSEMBLE_DELAY_MS: String(ASSEMBLE_DELAY_MS), RAIL_CACHE_CONTROL: 'public, max-age=7', RAIL_DEFAULT_LIMIT: String(DEFAULT_LIMIT) },
    });
    token = await createFullAccessToken(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const rail = () => app.strapi.plugin('newsroom').service('rail');
  const ingest = () => app.strapi.plugin('newsroom').service('ingest');

  /** The rail once every scheduled assembly has run, over real HTTP. */
  async function readRail(query: Record<string, string | number> = {}): Promise<RailData> {
    await rail().settle();
    const res = await app.http().get('/api/latest-rail').query(query).expect(200);
    return res.body.data as RailData;
  }

  async function publishArticle(title: string, dek: string): Promise<{ documentId: string; slug: string }> {
    const data = { title, dek, body: linesToBlocks([`${title}: the first paragraph of this story, written for the rail test.`]) };
    const res = await app
      .http()
      .post('/api/articles')
      .query({ status: 'published' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data })
      .expect(201);
    return { documentId: res.body.data.documentId, slug: res.body.data.slug };
  }

  const editorialTexts = (data: RailData) => data.cards.filter((card) => card.kind === 'editorial').map((card) => card.text);

  it('serves an empty rail before anything is published', async () => {
    const data = await readRail();
    expect(data.cards).toEqual([]);
    expect(typeof data.version).toBe('number');
  });

  it('seeds the rail from observed rails: observed order, newer observation first, no blanks, no repeats', async () => {
    const older = fs.readFileSync(path.join(SAMPLES_DIR, 'halvorsen-antwerp-rail-a.txt'), 'utf8');
    const newer = fs.readFileSync(path.join(SAMPLES_DIR, 'coastal-guild-president-title-first.txt'), 'utf8');
    // Drafts: only the observed rails feed the rail, not the pages' own articles.
    await ingest().ingestPage(older, { source: { file: 'older.txt' }, fetchedAt: new Date('2024-03-01T10:00:00Z') });
    await ingest().ingestPage(newer, { source: { file: 'newer.txt' }, fetchedAt: new Date('2024-03-02T10:00:00Z') });

    const data = await readRail({ limit: 100 });
    const expected = observedOrder([newer, older]);
    expect(expected.length).toBeGreaterThan(10);
    expect(editorialTexts(data)).toEqual(expected.slice(0, editorialTexts(data).length));
    expect(editorialTexts(data).length).toBe(Math.min(expected.length, 100 - data.cards.filter((c) => c.kind === 'sponsored').length));
    // Sponsored labels keep the newest observation's slots and carry their sponsor.
    const slots = sponsoredSlots(newer).length > 0 ? sponsoredSlots(newer) : sponsoredSlots(older);
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      expect(data.cards[slot.position - 1]).toMatchObject({ position: slot.position, kind: 'sponsored', text: slot.text, sponsor: slot.sponsor });
    }
    expect(data.cards.every((card) => card.text.trim() !== '')).toBe(true);
    const keys = data.cards.map((card) => normaliseCardText(card.text));
    expect(new Set(keys).size).toBe(keys.length);
    expect(data.cards.map((card) => card.position)).toEqual(data.cards.map((_, index) => index + 1));
  });

  it('puts a published article first, and removes it when unpublished or deleted', async () => {
    const first = await publishArticle('Rail Test Harbor Jewelers Opens Second Store', 'Harbor Jewelers adds a store in the old ferry terminal.');
    let data = await readRail();
    expect(data.cards[0]).toMatchObject({
      position: 1,
      kind: 'editorial',
      text: 'Harbor Jewelers adds a store in the old ferry terminal.',
      article: { documentId: first.documentId, slug: first.slug, title: 'Rail Test Harbor Jewelers Opens Second Store' },
    });

    const second = await publishArticle('Rail Test Pearl Growers Report Smaller Harvest', 'Cooler water cut the pearl harvest by a fifth.');
    data = await readRail();
    expect(data.cards.slice(0, 2).map((card) => card.article?.documentId)).toEqual([second.documentId, first.documentId]);

    await app.strapi.documents(ARTICLE_UID).unpublish({ documentId: second.documentId });
    data = await readRail();
    expect(data.cards.some((card) => card.article?.documentId === second.documentId)).toBe(false);
    expect(data.cards[0].article?.documentId).toBe(first.documentId);

    await app.http().delete(`/api/articles/${first.documentId}`).set('Authorization', `Bearer ${token}`).expect(204);
    data = await readRail();
    expect(data.cards.some((card) => card.article?.documentId === first.documentId)).toBe(false);
    expect(data.cards.some((card) => card.text === 'Harbor Jewelers adds a store in the old ferry terminal.')).toBe(false);
  });

  it('shows an observed card once, as its article’s card, and withdraws it everywhere when unpublished', async () => {
    const page = fs.readFileSync(path.join(SAMPLES_DIR, 'halvorsen-antwerp-rail-b.txt'), 'utf8');
    const observed = observedOrder([page]);
    const before = await readRail({ limit: 100 });
    // An observed card of the rail becomes an article of our own with that card text as its dek.
    const cardText = observed.find((text) => before.cards.some((card) => card.text === text && card.article === null)) as string;
    expect(cardText).toBeDefined();
    const article = await publishArticle('Rail Test Article Behind An Observed Card', cardText);
    let data = await readRail({ limit: 100 });
    const matching = data.cards.filter((card) => normaliseCardText(card.text) === normaliseCardText(cardText));
    expect(matching).toHaveLength(1);
    expect(matching[0].article?.documentId).toBe(article.documentId);
    expect(data.cards[0].article?.documentId).toBe(article.documentId);

    await app.strapi.documents(ARTICLE_UID).unpublish({ documentId: article.documentId });
    data = await readRail({ limit: 100 });
    expect(data.cards.some((card) => normaliseCardText(card.text) === normaliseCardText(cardText))).toBe(false);

    await app.strapi.documents(ARTICLE_UID).publish({ documentId: article.documentId });
    data = await readRail({ limit: 100 });
    expect(data.cards[0]).toMatchObject({ text: cardText, article: { documentId: article.documentId } });
  });

  it('limits and excludes, backfilling to the limit and keeping sponsored slots in place', async () => {
    const full = await readRail({ limit: 12 });
    expect(full.cards).toHaveLength(12);
    expect((await readRail({ limit: 100 })).cards.length).toBeGreaterThan(DEFAULT_LIMIT);
    expect((await readRail()).cards).toHaveLength(DEFAULT_LIMIT);
    const own = full.cards.find((card) => card.kind === 'editorial' && card.article !== null) as Card;
    expect(own).toBeDefined();

    for (const exclude of [own.article!.slug as string, own.article!.documentId]) {
      const excluded = await readRail({ limit: 11, exclude });
      expect(excluded.cards).toHaveLength(11);
      expect(excluded.cards.some((card) => card.article?.documentId === own.article!.documentId)).toBe(false);
      for (const card of full.cards.filter((c) => c.kind === 'sponsored' && c.position <= 11)) {
        expect(excluded.cards[card.position - 1]).toMatchObject({ kind: 'sponsored', text: card.text });
      }
      const timeline = (data: RailData) => data.cards.filter((card) => card.kind === 'editorial').map((card) => card.text);
      expect(timeline(excluded)).toEqual(timeline(full).filter((text) => text !== own.text).slice(0, timeline(excluded).length));
    }
    // The same cards, whichever way the article was named: one ETag, so caches share the answer.
    const etags = [];
    for (const exclude of [own.article!.slug as string, own.article!.documentId]) {
      etags.push((await app.http().get('/api/latest-rail').query({ limit: 11, exclude }).expect(200)).headers.etag);
    }
    expect(etags[0]).toMatch(/^"rail-\d+-/);
    expect(etags[1]).toBe(etags[0]);
  });

  it('answers with an ETag and Cache-Control, 304 on If-None-Match, and a new ETag after a change', async () => {
    await rail().settle();
    const first = await app.http().get('/api/latest-rail').query({ limit: 5 }).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"rail-\d+-/);
    expect(first.headers['cache-control']).toBe('public, max-age=7');
    expect(first.headers['content-type']).toMatch(/^application\/json/);

    const again = await app.http().get('/api/latest-rail').query({ limit: 5 }).set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    // Another view of the same version is another representation.
    const other = await app.http().get('/api/latest-rail').query({ limit: 6 }).expect(200);
    expect(other.headers.etag).not.toBe(etag);

    await publishArticle('Rail Test Gem Show Moves To Spring', 'The regional gem show will open in April next year.');
    await rail().settle();
    const changed = await app.http().get('/api/latest-rail').query({ limit: 5 }).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.data.version).toBeGreaterThan(first.body.data.version);
    expect(changed.body.data.cards[0].text).toBe('The regional gem show will open in April next year.');
  });

  it('answers GraphQL latestRail with exactly the REST data', async () => {
    const rest = await readRail({ limit: 9, exclude: (await readRail()).cards[0].article!.slug as string });
    const query = `query($limit: Int, $exclude: String) {
      latestRail(limit: $limit, exclude: $exclude) {
        version assembledAt cards { position text kind sponsor article { documentId slug title } }
      }
    }`;
    const res = await app
      .http()
      .post('/graphql')
      .send({ query, variables: { limit: 9, exclude: (await readRail()).cards[0].article!.slug } })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.latestRail).toEqual(rest);

    // Without a limit, GraphQL shows the configured default as REST does.
    const plain = await app.http().post('/graphql').send({ query: '{ latestRail { cards { position } } }' }).expect(200);
    expect(plain.body.data.latestRail.cards).toHaveLength(DEFAULT_LIMIT);
  });

  it.each([
    [{ limit: '0' }, /limit/],
    [{ limit: '101' }, /limit/],
    [{ limit: 'ten' }, /limit/],
    [{ limit: '2.5' }, /limit/],
    [{ exclude: '' }, /exclude/],
    [{ exclude: '<script>' }, /exclude/],
  ])('answers 400 naming the parameter for %j', async (query, reason) => {
    const res = await app.http().get('/api/latest-rail').query(query).expect(400);
    expect(res.body.error.message).toMatch(reason);
  });

  it('answers a GraphQL error naming the parameter for a bad limit', async () => {
    const res = await app.http().post('/graphql').send({ query: '{ latestRail(limit: 0) { version } }' }).expect(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].message).toMatch(/limit/);
  });

  it('assembles a burst of publishes a bounded number of times, not once per publish', async () => {
    const before = rail().assemblyCount() as number;
    const started = Date.now();
    const count = 60;
    for (let i = 0; i < count; i += 1) {
      const created = await app.strapi.documents(ARTICLE_UID).create({
        data: { title: `Rail Burst Story Number ${i}`, dek: `Burst dek number ${i} for the coalescing check.`, body: linesToBlocks([`Burst body ${i}.`]) as never },
      });
      await app.strapi.documents(ARTICLE_UID).publish({ documentId: created.documentId });
    }
    const elapsed = Date.now() - started;
    const data = await readRail();
    const assemblies = (rail().assemblyCount() as number) - before;
    // One timer per delay window while the burst lasts, at most one rerun for changes made during a
    // run, and the final settle.
    expect(assemblies).toBeLessThanOrEqual(2 * Math.ceil(elapsed / ASSEMBLE_DELAY_MS) + 2);
    expect(assemblies).toBeLessThan(count);
    expect(data.cards[0].text).toBe(`Burst dek number ${count - 1} for the coalescing check.`);
  });
});
