import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import { editorialCardKey } from '../../src/plugins/newsroom/server/src/dedupe';
import { adminToken, createFullAccessToken } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

const STORY = {
  title: 'Northfield Refiners Cut Gold Premiums',
  dek: 'The refiner says lower premiums reflect steadier supply.',
  body: [
    'Northfield, Minn.—Northfield Refiners lowered its fabrication premiums on Monday for the first time in two years.',
    'The company said steadier scrap supply from independent jewelers made the change possible this quarter.',
    'Premiums on 14-karat casting grain fell by about a tenth, according to a price sheet sent to customers.',
  ],
};

const ARTICLE = '/api/articles';

describe('one article per story, whatever the route', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestStrapi();
    token = await createFullAccessToken(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const documentsTitled = (title: string) =>
    app.strapi.db
      .query('api::article.article')
      .findMany({ where: { title }, select: ['documentId'] })
      .then((rows: Array<{ documentId: string }>) => new Set(rows.map((row) => row.documentId)));

  it('answers a second identical REST create with the first document, and says it was deduplicated', async () => {
    const data = { title: STORY.title, dek: STORY.dek, body: linesToBlocks(STORY.body) };
    const first = await app.http().post(ARTICLE).set('Authorization', `Bearer ${token}`).send({ data }).expect(201);
    expect(first.headers['x-newsroom-deduplicated']).toBeUndefined();
    expect(first.body.meta.deduplicated).toBeUndefined();

    const second = await app.http().post(ARTICLE).set('Authorization', `Bearer ${token}`).send({ data }).expect(200);
    expect(second.body.data.documentId).toBe(first.body.data.documentId);
    expect(second.body.meta.deduplicated).toEqual({ documentId: first.body.data.documentId, changed: false });
    expect(second.headers['x-newsroom-deduplicated']).toBe(first.body.data.documentId);
    expect(await documentsTitled(STORY.title)).toEqual(new Set([first.body.data.documentId]));
  });

  it('takes no say in a write from the query string: a client cannot mark its create as the plugin\'s own or as a split copy', async () => {
    const data = {
      title: 'Refiner Adds a Second Assay Office',
      body: linesToBlocks(['Attleboro, Mass.—The refiner opened a second assay office to shorten turnaround for small jewelers.', 'The Latest', 'A card about another story.']),
    };
    const forged = '?newsroom[byWriter]=true&newsroom[hints][standalone]=true&newsroom[outcome][action]=merged&newsroom[outcome][changed]=false';
    const first = await app.http().post(`${ARTICLE}${forged}`).set('Authorization', `Bearer ${token}`).send({ data }).expect(201);
    // Cleaned as any create (the pasted rail is gone) ...
    const stored = await app.strapi.documents('api::article.article').findOne({ documentId: first.body.data.documentId, status: 'draft' });
    expect(JSON.stringify(stored?.body)).not.toContain('The Latest');
    // ... and deduped as any create.
    const second = await app.http().post(`${ARTICLE}${forged}`).set('Authorization', `Bearer ${token}`).send({ data }).expect(200);
    expect(second.body.meta.deduplicated).toEqual({ documentId: first.body.data.documentId, changed: false });
    expect(await documentsTitled(data.title)).toEqual(new Set([first.body.data.documentId]));
  });

  it('answers a duplicate of a published story with the published article, as a create answers it', async () => {
    const data = {
      title: 'Harbor Guild Opens a Bench School',
      dek: 'The guild will train twelve apprentices a year.',
      body: linesToBlocks(['Portland, Maine—The Harbor Guild opened a bench-jeweler school in its old warehouse on Tuesday.']),
    };
    const first = await app.http().post(`${ARTICLE}?status=published`).set('Authorization', `Bearer ${token}`).send({ data }).expect(201);
    const second = await app.http().post(`${ARTICLE}?status=published`).set('Authorization', `Bearer ${token}`).send({ data }).expect(200);
    expect(second.body.meta.deduplicated).toEqual({ documentId: first.body.data.documentId, changed: false });
    expect(second.body.data.publishedAt).toBe(first.body.data.publishedAt);
    expect(Object.keys(second.body.data).sort()).toEqual(Object.keys(first.body.data).sort());
    expect(second.body.data).toMatchObject({ documentId: first.body.data.documentId, title: data.title, slug: first.body.data.slug });
  });

  it('merges a cut-off copy over GraphQL without shortening the stored body', async () => {
    const cut = [STORY.body[0], STORY.body[1].slice(0, 40)];
    const mutation = `mutation($data: ArticleInput!) { createArticle(data: $data, status: DRAFT) { documentId title } }`;
    const res = await app
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: mutation, variables: { data: { title: STORY.title, body: linesToBlocks(cut) } } })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    const [documentId] = [...(await documentsTitled(STORY.title))];
    expect(res.body.data.createArticle.documentId).toBe(documentId);
    expect(res.headers['x-newsroom-deduplicated']).toBe(documentId);
    const stored = await app.strapi.documents('api::article.article').findOne({ documentId });
    expect((stored?.body as unknown[]).length).toBe(3);
  });

  it('keeps stories that only share a title apart', async () => {
    const digest = 'What You Might Have Missed';
    const a = await app.strapi.documents('api::article.article').create({
      data: { title: digest, body: linesToBlocks(['This week a mining company in Botswana reported record rough sales for its second quarter.']) as never },
    });
    const b = await app.strapi.documents('api::article.article').create({
      data: { title: digest, body: linesToBlocks(['This week a retailer in Ohio opened its third store, in a converted bank building downtown.']) as never },
    });
    expect(a.documentId).not.toBe(b.documentId);
    expect((await documentsTitled(digest)).size).toBe(2);
    expect(b.slug).toBe('what-you-might-have-missed-2');
  });

  it('keeps one document through the admin flow: create a draft, edit it, publish it', async () => {
    const jwt = await adminToken(app);
    const base = '/content-manager/collection-types/api::article.article';
    const auth = { Authorization: `Bearer ${jwt}` };
    const title = 'Appraisers Adopt a Shared Grading Glossary';
    const created = await app
      .http()
      .post(base)
      .set(auth)
      .send({ title, body: linesToBlocks(['Chicago—An appraisers’ association has adopted a shared glossary of grading terms for colored stones.']) })
      .expect(201);
    const documentId = created.body.data.documentId;
    await app
      .http()
      .put(`${base}/${documentId}`)
      .set(auth)
      .send({ title, dek: 'Members voted for it at the spring meeting.', body: created.body.data.body })
      .expect(200);
    await app.http().post(`${base}/${documentId}/actions/publish`).set(auth).send({}).expect(200);

    expect(await documentsTitled(title)).toEqual(new Set([documentId]));
    const rows = await app.strapi.db.query('api::article.article').findMany({ where: { documentId }, select: ['publishedAt'] });
    expect(rows).toHaveLength(2);
    const live = await app.http().get(`${ARTICLE}/${documentId}`).expect(200);
    expect(live.body.data.dek).toBe('Members voted for it at the spring meeting.');
    // A REST copy of the published story merges into it.
    const again = await app
      .http()
      .post(ARTICLE)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title, body: created.body.data.body } })
      .expect(200);
    expect(again.body.data.documentId).toBe(documentId);
  });

  it('writes a duplicate copy only to the merge log; a copy that adds text joins the article and its sources', async () => {
    const title = 'Lapidaries Report a Busy Tucson Season';
    const body = [
      'Tucson, Ariz.—Lapidaries at the winter gem shows said buyers came early and stayed late this year.',
      'Several cutters reported selling out of calibrated tourmaline before the second weekend.',
    ];
    const post = (lines: string[], url: string) =>
      app
        .http()
        .post(`${ARTICLE}?status=published`)
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { title, body: linesToBlocks(lines), sources: [{ url, file: null }] } });
    const live = async (documentId: string) =>
      (await app.http().get(`${ARTICLE}/${documentId}?populate=sources`).expect(200)).body.data as {
        updatedAt: string;
        body: unknown[];
        sources: Array<{ url: string }>;
      };

    const cut = await post([body[0]], 'https://news.example/tucson-season').expect(201);
    const documentId = cut.body.data.documentId as string;
    const before = await live(documentId);

    // Another scrape of the same cut-off copy: nothing new, so no new version is published.
    const duplicate = await post([body[0]], 'https://news.example/tucson-season?ref=rail').expect(200);
    expect(duplicate.body.meta.deduplicated).toEqual({ documentId, changed: false });
    const afterDuplicate = await live(documentId);
    expect(afterDuplicate.updatedAt).toBe(before.updatedAt);
    expect(afterDuplicate.sources.map((source) => source.url)).toEqual(['https://news.example/tucson-season']);

    // A copy with a pasted "The Latest" block: once its chrome is stripped it adds nothing either,
    // and the chrome of a body the article does not take is not noted on the article.
    const withChrome = await post([body[0], 'The Latest', 'A card about another story.'], 'https://news.example/tucson-season?page=2').expect(200);
    expect(withChrome.body.meta.deduplicated).toEqual({ documentId, changed: false });
    expect((await live(documentId)).updatedAt).toBe(before.updatedAt);

    // The whole story from a third page: its body wins, and the page joins the article's sources.
    const whole = await post(body, 'https://news.example/lapidaries-tucson').expect(200);
    expect(whole.body.meta.deduplicated).toEqual({ documentId, changed: true });
    const afterWhole = await live(documentId);
    expect(afterWhole.body).toHaveLength(2);
    expect(afterWhole.sources.map((source) => source.url)).toEqual(['https://news.example/tucson-season', 'https://news.example/lapidaries-tucson']);

    // The merge log lists every copy merged into the article, the duplicate included.
    const jwt = await adminToken(app);
    const merges = await app.http().get(`/newsroom/merges?documentId=${documentId}`).set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(merges.body.data.map((entry: { source: string; changed: boolean }) => [entry.source, entry.changed])).toEqual([
      ['https://news.example/lapidaries-tucson', true],
      ['https://news.example/tucson-season?page=2', false],
      ['https://news.example/tucson-season?ref=rail', false],
    ]);
    const refused = await app.http().get('/newsroom/merges?documentId=not-an-id!').set('Authorization', `Bearer ${jwt}`).expect(400);
    expect(refused.body.error.message).toMatch(/documentId/);
  });

  it('undoes a create that loses its key to another document, and the caller\'s transaction goes on', async () => {
    const keys = app.strapi.plugin('newsroom').service('dedupeKeys');
    const text = 'A card that lost the race for its key.';
    await keys.claim('card', ['race-test-key'], 'winner-document', { strict: false });
    const teasersWithText = () => app.strapi.db.query('api::teaser.teaser').count({ where: { text } });

    const inside = await app.strapi.db.transaction(async () => {
      const outcome = await keys.createClaimed('card', ['race-test-key'], () =>
        app.strapi.documents('api::teaser.teaser').create({ data: { text, kind: 'editorial' } })
      );
      // Still usable (on PostgreSQL a failed statement would have spoiled it): the loser is gone.
      return { outcome, remaining: await teasersWithText() };
    });
    expect(inside).toEqual({ outcome: { created: false, ownerDocumentId: 'winner-document' }, remaining: 0 });
    expect(await teasersWithText()).toBe(0);
    // Nothing the losing create claimed survives it (its own card key included).
    expect(await keys.findOwners('card', [editorialCardKey(text)])).toEqual([]);
    await keys.release('card', 'winner-document');
  });

  it('answers each create the story writer takes with what it became, as a value, and writes nothing for a copy that adds nothing', async () => {
    const writer = app.strapi.plugin('newsroom').service('storyWriter');
    const lines = [
      'Tacoma, Wash.—A family-owned pawn and jewelry chain opened its ninth store on Saturday after a year of delays.',
      'The owners said the new store will buy estate pieces and offer repairs on site five days a week.',
    ];
    const copy = (body: string[]) => ({ data: { title: 'Pawn and Jewelry Chain Opens Ninth Store', body: linesToBlocks(body) } });

    const first = await writer.create(copy(lines.slice(0, 1)));
    expect(first).toMatchObject({ action: 'created', changed: true, document: { documentId: first.documentId, slug: 'pawn-and-jewelry-chain-opens-ninth-store' } });
    const draft = () => app.strapi.documents('api::article.article').findOne({ documentId: first.documentId, status: 'draft' });
    const before = await draft();

    const same = await writer.create(copy(lines.slice(0, 1)));
    expect({ action: same.action, documentId: same.documentId, changed: same.changed }).toEqual({ action: 'merged', documentId: first.documentId, changed: false });
    expect((await draft())?.updatedAt).toBe(before?.updatedAt);

    const whole = await writer.create(copy(lines));
    expect({ action: whole.action, documentId: whole.documentId, changed: whole.changed }).toEqual({ action: 'merged', documentId: first.documentId, changed: true });
    const after = await draft();
    expect(after?.wordCount).toBeGreaterThan(before?.wordCount as number);
    expect(await documentsTitled('Pawn and Jewelry Chain Opens Ninth Store')).toEqual(new Set([first.documentId]));
  });

  it('lets a deleted story be stored again', async () => {
    const data = { title: 'A Story That Is Withdrawn', body: linesToBlocks(['The story was withdrawn by the editors after a correction request came in.']) };
    const first = await app.http().post(ARTICLE).set('Authorization', `Bearer ${token}`).send({ data }).expect(201);
    await app.http().delete(`${ARTICLE}/${first.body.data.documentId}`).set('Authorization', `Bearer ${token}`).expect(204);
    const second = await app.http().post(ARTICLE).set('Authorization', `Bearer ${token}`).send({ data }).expect(201);
    expect(second.body.data.documentId).not.toBe(first.body.data.documentId);
  });

  it('writes an importer\'s new cards in one go, announces each to Strapi\'s event listeners, and yields a card claimed first elsewhere', async () => {
    const teasers = app.strapi.documents('api::teaser.teaser');
    const events: Array<{ uid: string; entry: { documentId: string; text: string } }> = [];
    const stopListening = app.strapi.eventHub.on('entry.create', async (event: unknown) => {
      events.push(event as (typeof events)[number]);
    });
    try {
      // Another reading stored this card after our rail lookup and before our insert.
      const winnerText = 'An auction house reports record bids for signed pieces.';
      const winner = await teasers.create({ data: { text: winnerText, kind: 'editorial' } });
      // Strapi announces the document service's create after its commit, too: let it arrive first.
      for (let waited = 0; !events.some((event) => event.entry.documentId === winner.documentId) && waited < 2000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      events.length = 0;
      const sponsoredKey = 's:insert-cards-test:-:-';
      const totals = { created: 0, merged: 0, teasers: new Map<string, string>() };
      await app.strapi.plugin('newsroom').service('teasers').insertCards(
        [
          { key: editorialCardKey(winnerText), text: winnerText, kind: 'editorial', sponsor: null },
          { key: sponsoredKey, text: 'Sponsored by Example Loupe Works', kind: 'sponsored', sponsor: 'Example Loupe Works' },
        ],
        new Date('2026-03-02T10:00:00Z'),
        totals
      );
      expect({ created: totals.created, merged: totals.merged }).toEqual({ created: 1, merged: 1 });
      expect(totals.teasers.get(editorialCardKey(winnerText))).toBe(winner.documentId);

      const copies = await teasers.findMany({ filters: { text: winnerText } });
      expect(copies.map((copy) => [copy.documentId, copy.timesSeen])).toEqual([[winner.documentId, 2]]);
      const made = await teasers.findOne({ documentId: totals.teasers.get(sponsoredKey)! });
      expect(made).toMatchObject({ kind: 'sponsored', sponsor: 'Example Loupe Works', timesSeen: 1, firstSeenAt: '2026-03-02T10:00:00.000Z' });
      expect(made?.publishedAt).toBeTruthy();
      const keys = app.strapi.plugin('newsroom').service('dedupeKeys');
      expect(await keys.findOwners('card', [sponsoredKey])).toEqual([made!.documentId]);

      // The events go out after the commit, without blocking the write.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const teaserEvents = events.filter((event) => event.uid === 'api::teaser.teaser');
      expect(teaserEvents.map((event) => [event.entry.documentId, event.entry.text])).toEqual([
        [made!.documentId, 'Sponsored by Example Loupe Works'],
      ]);
    } finally {
      stopListening();
    }
  });

  it('links an importer\'s new card to the article whose dek it is, in both versions, taking the link from an older teaser', async () => {
    const articles = app.strapi.documents('api::article.article');
    const teasers = app.strapi.documents('api::teaser.teaser');
    const dek = 'A reopened mine in the north ships its first rough in two years.';
    const article = await articles.create({
      data: {
        title: 'Northern Mine Ships Again',
        dek,
        body: linesToBlocks(['Yellowknife, N.W.T.—The mine shipped its first parcel of rough since the shutdown.']) as never,
      },
      status: 'published',
    });
    // An editor had linked another teaser to the story by hand; the relation is one-to-one.
    const older = await teasers.create({ data: { text: 'An editor wrote this blurb for the mine story.', kind: 'editorial', article: article.documentId } as never });
    const events: Array<{ uid: string; entry: { documentId: string; article?: { documentId: string } | null } }> = [];
    const stopListening = app.strapi.eventHub.on('entry.create', async (event: unknown) => {
      events.push(event as (typeof events)[number]);
    });
    try {
      const key = editorialCardKey(dek);
      const totals = await app.strapi
        .plugin('newsroom')
        .service('teasers')
        .recordSightings([{ key, text: dek, kind: 'editorial', sponsor: null }], new Date('2026-03-03T09:00:00Z'));
      expect({ created: totals.created, merged: totals.merged }).toEqual({ created: 1, merged: 0 });
      const made = totals.teasers.get(key) as string;
      expect(made).not.toBe(older.documentId);

      for (const status of ['draft', 'published'] as const) {
        const version = await articles.findOne({ documentId: article.documentId, status, populate: ['teaser'] });
        expect((version?.teaser as { documentId?: string } | null)?.documentId).toBe(made);
      }
      const card = await teasers.findOne({ documentId: made, populate: ['article'] });
      expect((card?.article as { documentId?: string } | null)?.documentId).toBe(article.documentId);
      const olderNow = await teasers.findOne({ documentId: older.documentId, populate: ['article'] });
      expect(olderNow?.article ?? null).toBeNull();

      // Strapi's listeners hear of it with its article, as from the document service.
      for (let waited = 0; !events.some((event) => event.entry.documentId === made) && waited < 2000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const announced = events.find((event) => event.entry.documentId === made);
      expect(announced?.entry.article?.documentId).toBe(article.documentId);
    } finally {
      stopListening();
    }
  });

  it('keeps one teaser per editorial blurb, counts sightings, and never merges sponsored labels', async () => {
    const teasers = app.strapi.documents('api::teaser.teaser');
    const first = await teasers.create({ data: { text: 'A refiner trims its premiums.', kind: 'editorial' } });
    const again = await teasers.create({ data: { text: 'A refiner  trims its premiums.', kind: 'editorial' } });
    expect(again.documentId).toBe(first.documentId);
    expect(again.timesSeen).toBe(2);
    const s1 = await teasers.create({ data: { text: 'Sponsored by Example Gem Lab', kind: 'sponsored', sponsor: 'Example Gem Lab' } });
    const s2 = await teasers.create({ data: { text: 'Sponsored by Example Gem Lab', kind: 'sponsored', sponsor: 'Example Gem Lab' } });
    expect(s2.documentId).not.toBe(s1.documentId);
  });

  it('links a card to the article whose dek it is, whichever arrives first', async () => {
    const teasers = app.strapi.documents('api::teaser.teaser');
    const cardFirst = await teasers.create({ data: { text: 'Members voted for it at the spring meeting.', kind: 'editorial' } });
    const linked = await teasers.findOne({ documentId: cardFirst.documentId, populate: ['article'] });
    expect((linked?.article as { title?: string } | null)?.title).toBe('Appraisers Adopt a Shared Grading Glossary');

    const card = await teasers.create({ data: { text: 'A lab reports a rise in treated sapphires.', kind: 'editorial' } });
    const article = await app.strapi.documents('api::article.article').create({
      data: {
        title: 'Treated Sapphires on the Rise',
        dek: 'A lab reports a rise in treated sapphires.',
        body: linesToBlocks(['Carlsbad, Calif.—A gemological lab says more heat-treated sapphires arrived this year.']) as never,
      },
    });
    const after = await teasers.findOne({ documentId: card.documentId, populate: ['article'] });
    expect((after?.article as { documentId?: string } | null)?.documentId).toBe(article.documentId);
  });
});
