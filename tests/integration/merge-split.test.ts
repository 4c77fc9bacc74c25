import type { MergeLogEntry } from '../../src/plugins/newsroom/server/src/admin-views';
import { blocksToLines } from '../../src/plugins/newsroom/server/src/blocks';
import { MERGE_LOG_TABLE } from '../../src/plugins/newsroom/server/src/persistence/tables';
import { adminToken, adminWithActions } from '../helpers/content';
import type { RailData } from '../helpers/rail';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { until } from '../helpers/until';

/**
 * Undoing a wrong merge over the Newsroom admin API: two different weekly digests share a title
 * and their standing intro line, so the second merges into the first (and, being longer, gives it
 * its body). Splitting the merge makes the second digest an article of its own and gives the first
 * its own text back; the same page read again then goes to the split-out article.
 */

const TITLE = 'The Week at the Bench';
const INTRO = 'Every Friday we gather the stories our readers opened most often this week.';
// Our own text, in the shape of the site's pages (title, dek, body lines).
const FIRST_DIGEST = [
  TITLE,
  'A new bench apprenticeship and a record for a ruby led the week.',
  '',
  INTRO,
  '1. A trade school opens a two-year bench apprenticeship for setters and engravers.',
  '2. A Burmese ruby of eleven carats sets a record price per carat at a spring sale.',
].join('\n');
const SECOND_DIGEST = [
  TITLE,
  'Pearl farms in trouble and a guild election topped the list this time.',
  '',
  INTRO,
  '1. Pearl farms report a poor harvest after a warm season in the lagoon waters.',
  '2. A regional guild elects a watchmaker as its president for the first time ever.',
  '3. A family store marks its centenary with an exhibition of its archive of designs.',
  '4. Platinum refiners say recycled metal made up a third of their supply last year.',
].join('\n');

/** A digest's body as stored: the lines after its dek, list numbers kept by the list's structure. */
const bodyLines = (page: string) => page.split('\n').slice(3).map((line) => line.replace(/^\d+\. /, ''));

describe('splitting a wrongly merged copy back out', () => {
  let app: TestApp;
  let jwt: string;
  const admin = () => ({
    get: (url: string) => app.http().get(url).set('Authorization', `Bearer ${jwt}`),
    post: (url: string) => app.http().post(url).set('Authorization', `Bearer ${jwt}`),
  });
  const ingest = async (text: string, source: string) =>
    (await admin().post('/newsroom/ingest').send({ text, source, publish: true }).expect(200)).body.data as {
      status: string;
      article: { documentId: string };
    };
  const bodyOf = async (documentId: string) => {
    const article = await app.strapi.documents('api::article.article').findOne({ documentId, status: 'published', populate: ['sources'] });
    return { lines: blocksToLines(article?.body).filter((line) => line.trim() !== ''), article };
  };

  beforeAll(async () => {
    app = await startTestStrapi({ env: { RAIL_ASSEMBLE_DELAY_MS: '30' } });
    jwt = await adminToken(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('makes the copy its own article, gives the story its text back, logs both, and never merges that copy again', async () => {
    const first = await ingest(FIRST_DIGEST, 'digest-one.txt');
    const second = await ingest(SECOND_DIGEST, 'digest-two.txt');
    expect(first.status).toBe('created');
    expect(second).toMatchObject({ status: 'merged', article: { documentId: first.article.documentId } });
    const story = first.article.documentId;
    // The wrong merge: the longer digest's body replaced the first one's.
    expect((await bodyOf(story)).lines).toContain('Pearl farms report a poor harvest after a warm season in the lagoon waters.');

    const merges = (await admin().get(`/newsroom/merges?documentId=${story}`).expect(200)).body.data as MergeLogEntry[];
    expect(merges).toHaveLength(1);
    expect(merges[0]).toMatchObject({ action: 'merge', source: 'digest-two.txt', splitInto: null, splittable: true });
    expect(typeof merges[0].id).toBe('number');

    const res = await admin().post(`/newsroom/merges/${merges[0].id}/split`).send({ publish: true }).expect(200);
    const split = res.body.data as { documentId: string; title: string; status: string; story: { documentId: string; restored: string[] } };
    expect(split).toMatchObject({ title: TITLE, status: 'published', story: { documentId: story } });
    expect(split.documentId).not.toBe(story);
    expect(split.story.restored).toEqual(['body', 'sources', 'truncated']);

    // Each article has its own text and source now.
    const restored = await bodyOf(story);
    expect(restored.lines).toEqual(bodyLines(FIRST_DIGEST));
    expect(restored.article?.dek).toBe('A new bench apprenticeship and a record for a ruby led the week.');
    expect((restored.article?.sources as Array<{ url: string | null }>).length).toBe(1);
    const own = await bodyOf(split.documentId);
    expect(own.lines).toEqual(bodyLines(SECOND_DIGEST));
    expect(own.article?.dek).toBe('Pearl farms in trouble and a guild election topped the list this time.');

    // The log shows the merge, marked, and the split beside it.
    const log = (await admin().get(`/newsroom/merges?documentId=${story}`).expect(200)).body.data as MergeLogEntry[];
    expect(log.map((entry) => [entry.action, entry.splitInto])).toEqual([
      ['split', split.documentId],
      ['merge', split.documentId],
    ]);
    expect(log[0].decidedBy).toBe('Test Editor');
    expect(log[1].splittable).toBe(false);

    // Both are public, and both cards are on the rail.
    await app.http().get(`/api/articles/${split.documentId}`).expect(200);
    const rail = await until(async () => {
      const view = (await app.http().get('/api/latest-rail').expect(200)).body.data as RailData;
      return view.cards.some((card) => card.article?.documentId === split.documentId) ? view : null;
    });
    expect(rail.cards.filter((card) => card.article?.title === TITLE)).toHaveLength(2);

    // The same copy again, read from the same page or another scrape of it, goes to its own article.
    expect(await ingest(SECOND_DIGEST, 'digest-two.txt')).toMatchObject({ status: 'merged', article: { documentId: split.documentId } });
    const withRail = (page: string) => `${page}\nThe Latest\n\nA card from another corner of the site, read with this page.`;
    expect(await ingest(withRail(SECOND_DIGEST), 'digest-two-again.txt')).toMatchObject({ status: 'merged', article: { documentId: split.documentId } });
    // And the first digest is still its own story.
    expect(await ingest(withRail(FIRST_DIGEST), 'digest-one-again.txt')).toMatchObject({ status: 'merged', article: { documentId: story } });
  });

  it('refuses to split a merge twice (409), a split row (409), an unknown id (404) and a bad request (400)', async () => {
    const log = (await admin().get('/newsroom/merges').expect(200)).body.data as MergeLogEntry[];
    const splitMerge = log.find((entry) => entry.action === 'merge' && entry.splitInto !== null) as MergeLogEntry;
    const splitRow = log.find((entry) => entry.action === 'split') as MergeLogEntry;
    const twice = await admin().post(`/newsroom/merges/${splitMerge.id}/split`).send({ publish: false }).expect(409);
    expect(twice.body.error.message).toMatch(/already split out into/);
    await admin().post(`/newsroom/merges/${splitRow.id}/split`).send({ publish: false }).expect(409);
    // A merge logged before merges kept their copy.
    const [old] = (await app.strapi.db
      .connection(MERGE_LOG_TABLE)
      .insert({ at: new Date(), document_id: splitMerge.documentId, title: TITLE, source: 'old.txt', changed: true })
      .returning('id')) as Array<{ id: number } | number>;
    const oldId = typeof old === 'number' ? old : old.id;
    const before = await admin().post(`/newsroom/merges/${oldId}/split`).send({ publish: false }).expect(409);
    expect(before.body.error.message).toMatch(/logged before merges kept their copy/);
    const listed = (await admin().get('/newsroom/merges').expect(200)).body.data as MergeLogEntry[];
    expect(listed.find((entry) => entry.id === oldId)).toMatchObject({ action: 'merge', splittable: false, splitInto: null });
    const unknown = await admin().post('/newsroom/merges/999999/split').send({ publish: false }).expect(404);
    expect(unknown.body.error.message).toBe('no merge 999999');
    expect((await admin().post(`/newsroom/merges/${splitMerge.id}/split`).send({}).expect(400)).body.error.message).toMatch(/publish must be true or false/);
    expect((await admin().post('/newsroom/merges/abc/split').send({ publish: true }).expect(400)).body.error.message).toMatch(/id must be a whole number/);
  });

  it('splits a copy out as a draft when the editor asks, and needs the "curate" permission', async () => {
    const story = await ingest(FIRST_DIGEST.replace(TITLE, 'Bench Notes of the Week'), 'notes-one.txt');
    await ingest(SECOND_DIGEST.replace(TITLE, 'Bench Notes of the Week'), 'notes-two.txt');
    const [merge] = (await admin().get(`/newsroom/merges?documentId=${story.article.documentId}`).expect(200)).body.data as MergeLogEntry[];

    const reader = await adminWithActions(app, 'Merge Reader', ['plugin::newsroom.read']);
    await app.http().post(`/newsroom/merges/${merge.id}/split`).set('Authorization', `Bearer ${reader}`).send({ publish: false }).expect(403);

    const res = await admin().post(`/newsroom/merges/${merge.id}/split`).send({ publish: false }).expect(200);
    expect(res.body.data.status).toBe('draft');
    await app.http().get(`/api/articles/${res.body.data.documentId}`).expect(404);
    const draft = await app.strapi.documents('api::article.article').findOne({ documentId: res.body.data.documentId, status: 'draft' });
    expect(draft?.title).toBe('Bench Notes of the Week');
  });
});
