import fs from 'fs';
import path from 'path';
import { REBUILD_EVENTS_TABLE } from '../../src/plugins/newsroom/server/src/persistence/tables';
import type { RebuildDeliveryView, RebuildTargetView } from '../../src/plugins/newsroom/server/src/rebuild/target-views';
import type { BoilerplateEntry } from '../../src/plugins/newsroom/server/src/services/boilerplate';
import type { MergeLogEntry } from '../../src/plugins/newsroom/server/src/services/merge-log';
import { adminToken, adminWithActions, createArticle } from '../helpers/content';
import { APP_DIR } from '../helpers/paths';
import type { RailData } from '../helpers/rail';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { until } from '../helpers/until';
import { Receiver } from '../helpers/webhook-receiver';

/**
 * The Newsroom page's admin API (/newsroom/*) over real HTTP: what each route answers a super
 * admin, how bad input and unknown ids are refused, and that a role without the Newsroom actions
 * is turned away. Webhook deliveries go to a real receiver on 127.0.0.1.
 */

const SAMPLE_PAGE = 'halvorsen-antwerp-rail-a.txt';
const SAMPLE_COPY = 'halvorsen-antwerp-rail-b.txt';
const SAMPLE_TITLE = 'Halvorsen Gem Labs Opens Grading Center in Antwerp';
const SHARED_LINE = 'Subscribe to the weekly bench newsletter for repair tips.';

/** Deliveries fail after one attempt (so there is one to retry) and go out soon after a change. */
const WEBHOOK_ENV: Record<string, string> = {
  REBUILD_WEBHOOK_QUIET_MS: '100',
  REBUILD_WEBHOOK_MAX_WAIT_MS: '600000',
  REBUILD_WEBHOOK_MAX_ATTEMPTS: '1',
  REBUILD_WEBHOOK_RETRY_JITTER: 'none',
  REBUILD_WEBHOOK_TIMEOUT_MS: '2000',
  REBUILD_WEBHOOK_POLL_MS: '50',
  RAIL_ASSEMBLE_DELAY_MS: '50',
};

describe('the Newsroom admin API', () => {
  let app: TestApp;
  let jwt: string;
  let receiver: Receiver;
  // What the receiver answers; a test flips it.
  let receiverStatus = 500;

  const as = (token: string) => ({
    get: (url: string) => app.http().get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => app.http().post(url).set('Authorization', `Bearer ${token}`),
    put: (url: string) => app.http().put(url).set('Authorization', `Bearer ${token}`),
    del: (url: string) => app.http().delete(url).set('Authorization', `Bearer ${token}`),
  });
  const admin = () => as(jwt);

  beforeAll(async () => {
    receiver = await Receiver.start(() => receiverStatus);
    app = await startTestStrapi({ env: WEBHOOK_ENV });
    jwt = await adminToken(app);
  });

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
  });

  it('GET /newsroom/rail shows the newest published article first', async () => {
    await createArticle(app.strapi, { title: 'Older Story About Bench Jewelers', body: ['Bench jewelers say repair work is up.'], publish: true });
    const newest = await createArticle(app.strapi, { title: 'Newest Story About Pearl Grading', body: ['A pearl grading lab opened downtown.'], publish: true });

    const rail = await until(async () => {
      const res = await admin().get('/newsroom/rail').expect(200);
      const view = res.body.data as RailData;
      return view.cards[0]?.article?.documentId === newest.documentId ? view : null;
    });
    expect(typeof rail.version).toBe('number');
    expect(rail.cards[0]).toMatchObject({ position: 1, kind: 'editorial', article: { documentId: newest.documentId, title: 'Newest Story About Pearl Grading' } });
    expect(rail.cards.map((card) => card.article?.title)).toContain('Older Story About Bench Jewelers');
  });

  it('GET /newsroom/rail refuses a bad limit with 400', async () => {
    const res = await admin().get('/newsroom/rail?limit=abc').expect(400);
    expect(res.body.error.message).toMatch(/limit/);
  });

  it('POST /newsroom/ingest reads a sample page and answers its report; another copy of the story is a merge in GET /newsroom/merges', async () => {
    const read = (name: string) => fs.readFileSync(path.join(APP_DIR, 'data', 'sample-pages', name), 'utf8');
    const first = await admin().post('/newsroom/ingest').send({ text: read(SAMPLE_PAGE), source: SAMPLE_PAGE }).expect(200);
    expect(first.body.data).toMatchObject({ source: SAMPLE_PAGE, status: 'created', article: { title: SAMPLE_TITLE } });
    const documentId = first.body.data.article.documentId as string;
    expect(typeof documentId).toBe('string');

    // The same story scraped from another page (different rail and chrome around it).
    const copy = await admin().post('/newsroom/ingest').send({ text: read(SAMPLE_COPY), source: SAMPLE_COPY }).expect(200);
    expect(copy.body.data).toMatchObject({ source: SAMPLE_COPY, status: 'merged', article: { documentId, title: SAMPLE_TITLE } });

    const merges = await admin().get('/newsroom/merges?limit=10').expect(200);
    const entries = merges.body.data as MergeLogEntry[];
    // The copy carries the same text as the stored article: it is logged, the article is not rewritten.
    expect(entries[0]).toMatchObject({ documentId, title: SAMPLE_TITLE, source: SAMPLE_COPY, changed: false });
    expect(Number.isNaN(Date.parse(entries[0].at))).toBe(false);
  });

  it('POST /newsroom/ingest refuses a body without text with 400', async () => {
    const res = await admin().post('/newsroom/ingest').send({ source: 'nothing.txt' }).expect(400);
    expect(res.body.error.message).toMatch(/text is required/);
  });

  it('GET /newsroom/merges refuses a bad limit with 400', async () => {
    const res = await admin().get('/newsroom/merges?limit=0').expect(400);
    expect(res.body.error.message).toBe('limit must be a whole number from 1 to 200');
  });

  it('GET /newsroom/boilerplate lists a line two articles share, and PUT keeps it', async () => {
    await createArticle(app.strapi, { title: 'Ring Sizing Tools Get An Update', body: ['Ring sizing tools now come in half sizes.', SHARED_LINE] });
    await createArticle(app.strapi, { title: 'Polishing Wheels Wear Faster In Summer', body: ['Polishing wheels wear faster when it is humid.', SHARED_LINE] });

    const ledger = await admin().get('/newsroom/boilerplate?page=1&pageSize=100').expect(200);
    expect(ledger.body.meta).toMatchObject({ page: 1, pageSize: 100 });
    const entries = ledger.body.data as BoilerplateEntry[];
    expect(ledger.body.meta.total).toBe(entries.length);
    const shared = entries.find((entry) => entry.line === SHARED_LINE);
    expect(shared).toMatchObject({ count: 2, keep: false, boilerplate: false });

    const kept = await admin().put(`/newsroom/boilerplate/${shared!.id}`).send({ keep: true }).expect(200);
    expect(kept.body.data).toMatchObject({ id: shared!.id, line: SHARED_LINE, keep: true, boilerplate: false });
    const after = await admin().get('/newsroom/boilerplate?pageSize=100').expect(200);
    expect((after.body.data as BoilerplateEntry[]).find((entry) => entry.id === shared!.id)).toMatchObject({ keep: true });
  });

  it('refuses bad boilerplate input with 400 and an unknown line with 404', async () => {
    expect((await admin().put('/newsroom/boilerplate/1').send({ keep: 'yes' }).expect(400)).body.error.message).toBe('keep must be true or false');
    expect((await admin().put('/newsroom/boilerplate/abc').send({ keep: true }).expect(400)).body.error.message).toMatch(/^id must be a whole number/);
    expect((await admin().get('/newsroom/boilerplate?pageSize=101').expect(400)).body.error.message).toBe('pageSize must be a whole number from 1 to 100');
    expect((await admin().put('/newsroom/boilerplate/999999').send({ keep: true }).expect(404)).body.error.message).toBe('no boilerplate line 999999');
  });

  it('adds, edits, disables and deletes a webhook target', async () => {
    const added = await admin().post('/newsroom/webhooks/targets').send({ url: 'https://build.example.com/hook', enabled: true }).expect(201);
    const target = added.body.data as RebuildTargetView;
    expect(target).toMatchObject({ url: 'https://build.example.com/hook', enabled: true, source: 'admin', disabledReason: null });

    const edited = await admin().put(`/newsroom/webhooks/targets/${target.id}`).send({ url: 'https://build.example.com/rebuild', enabled: true }).expect(200);
    expect(edited.body.data).toMatchObject({ id: target.id, url: 'https://build.example.com/rebuild', enabled: true });

    // Only the fields sent change: a flag is flipped without sending the URL again.
    const disabled = await admin().put(`/newsroom/webhooks/targets/${target.id}`).send({ enabled: false }).expect(200);
    expect(disabled.body.data).toMatchObject({ id: target.id, url: 'https://build.example.com/rebuild', enabled: false, disabledReason: 'disabled in the admin' });
    const moved = await app.http().patch(`/newsroom/webhooks/targets/${target.id}`).set('Authorization', `Bearer ${jwt}`).send({ url: 'https://build.example.com/moved' }).expect(200);
    expect(moved.body.data).toMatchObject({ id: target.id, url: 'https://build.example.com/moved', enabled: false });
    const empty = await admin().put(`/newsroom/webhooks/targets/${target.id}`).send({}).expect(400);
    expect(empty.body.error.message).toBe('send a JSON object with url, enabled or both: {"url": "...", "enabled": true|false}');
    const listed = await admin().get('/newsroom/webhooks/targets').expect(200);
    expect(listed.body.data as RebuildTargetView[]).toContainEqual(expect.objectContaining({ id: target.id, enabled: false }));

    expect((await admin().del(`/newsroom/webhooks/targets/${target.id}`).expect(200)).body.data).toEqual({ id: target.id });
    const remaining = (await admin().get('/newsroom/webhooks/targets').expect(200)).body.data as RebuildTargetView[];
    expect(remaining.map((entry) => entry.id)).not.toContain(target.id);
  });

  it('refuses bad target input with 400 naming the problem, a duplicate URL with 409, an unknown target with 404', async () => {
    const bad = (body: unknown) => admin().post('/newsroom/webhooks/targets').send(body as object).expect(400);
    expect((await bad({ url: 'ftp://build.example.com/hook' })).body.error.message).toBe('url must start with http:// or https://');
    expect((await bad({ enabled: true })).body.error.message).toBe('url is required');
    expect((await bad({ url: 'https://build.example.com/x', enabled: 'on' })).body.error.message).toBe('enabled must be true or false');
    expect((await admin().get('/newsroom/webhooks/deliveries?limit=500').expect(400)).body.error.message).toBe('limit must be a whole number from 1 to 200');

    await admin().post('/newsroom/webhooks/targets').send({ url: 'https://dup.example.com/hook', enabled: false }).expect(201);
    const duplicate = await admin().post('/newsroom/webhooks/targets').send({ url: 'https://dup.example.com/hook', enabled: false }).expect(409);
    expect(duplicate.body.error).toMatchObject({ status: 409, name: 'ConflictError', message: 'a rebuild target with the URL https://dup.example.com/hook already exists' });

    const unknownEdit = await admin().put('/newsroom/webhooks/targets/999999').send({ url: 'https://build.example.com/hook', enabled: true }).expect(404);
    expect(unknownEdit.body.error).toMatchObject({ status: 404, name: 'NotFoundError', message: 'no rebuild target 999999' });
    expect((await admin().del('/newsroom/webhooks/targets/999999').expect(404)).body.error.message).toBe('no rebuild target 999999');
    expect((await admin().del('/newsroom/webhooks/targets/not-an-id').expect(404)).body.error.message).toBe('no rebuild target not-an-id');
    expect((await admin().post('/newsroom/webhooks/deliveries/999999/retry').expect(404)).body.error.message).toBe('no rebuild delivery 999999');
  });

  it('lists a failed delivery and retries it: it is sent again and delivered; a delivered one is refused with 409', async () => {
    const added = await admin().post('/newsroom/webhooks/targets').send({ url: receiver.url(), enabled: true }).expect(201);
    const target = added.body.data as RebuildTargetView;
    const story = await createArticle(app.strapi, { title: 'Webhook Story About Gold Prices', body: ['Gold prices rose again this week.'], publish: true });
    // The publish and the rail it changes may go out as one delivery or two; all fail (the receiver answers 500).
    await until(async () => ((await admin().get('/newsroom/rail').expect(200)).body.data as RailData).cards[0]?.article?.documentId === story.documentId);
    const deliveries = await until(async () => {
      const queued = await app.strapi.db.connection(REBUILD_EVENTS_TABLE).where('target_id', target.id).count({ n: '*' }).first();
      const ours = ((await admin().get('/newsroom/webhooks/deliveries').expect(200)).body.data as RebuildDeliveryView[]).filter(
        (delivery) => delivery.targetId === target.id
      );
      const settled = Number(queued?.n) === 0 && ours.length > 0 && ours.every((delivery) => delivery.status === 'failed');
      return settled ? ours : null;
    });
    // When there were two, the later one carried the earlier: only the newest can be retried.
    const bySequence = [...deliveries].sort((a, b) => Number(a.sequence) - Number(b.sequence));
    const failed = bySequence[bySequence.length - 1];
    expect(failed).toMatchObject({ targetUrl: receiver.url(), status: 'failed', attempts: 1, lastStatus: 500, nextAttemptAt: null, carriedById: null });
    expect(receiver.requests.length).toBe(deliveries.length);
    for (const [index, earlier] of bySequence.slice(0, -1).entries()) {
      expect(earlier.carriedById).toBe(bySequence[index + 1].id);
      const superseded = await admin().post(`/newsroom/webhooks/deliveries/${earlier.id}/retry`).expect(409);
      expect(superseded.body.error.message).toMatch(/superseded/);
    }

    receiverStatus = 204;
    const retried = await admin().post(`/newsroom/webhooks/deliveries/${failed.id}/retry`).expect(200);
    expect(retried.body.data).toMatchObject({ id: failed.id, webhookId: failed.webhookId });
    expect(['pending', 'delivered']).toContain((retried.body.data as RebuildDeliveryView).status);

    const delivered = await until(async () => {
      const res = await admin().get('/newsroom/webhooks/deliveries').expect(200);
      return (res.body.data as RebuildDeliveryView[]).find((delivery) => delivery.id === failed.id && delivery.status === 'delivered');
    });
    expect(delivered).toMatchObject({ webhookId: failed.webhookId, attempts: 2, lastStatus: 204, lastError: null });
    expect(receiver.requests.length).toBe(deliveries.length + 1);

    const refused = await admin().post(`/newsroom/webhooks/deliveries/${failed.id}/retry`).expect(409);
    expect(refused.body.error).toMatchObject({ status: 409, message: 'this delivery was already delivered' });
  });

  it('answers 403 on every route to an admin whose role has no Newsroom permission', async () => {
    const token = await adminWithActions(app, 'No Newsroom', []);
    const user = as(token);
    // The token is good: the admin API knows this user.
    await user.get('/admin/users/me').expect(200);
    await user.get('/newsroom/rail').expect(403);
    await user.post('/newsroom/ingest').send({ text: 'A title\n\nA paragraph.' }).expect(403);
    await user.get('/newsroom/merges').expect(403);
    await user.get('/newsroom/boilerplate').expect(403);
    await user.put('/newsroom/boilerplate/1').send({ keep: true }).expect(403);
    await user.get('/newsroom/webhooks/targets').expect(403);
    await user.post('/newsroom/webhooks/targets').send({ url: 'https://build.example.com/denied', enabled: true }).expect(403);
    await user.put('/newsroom/webhooks/targets/1').send({ url: 'https://build.example.com/denied', enabled: true }).expect(403);
    await user.del('/newsroom/webhooks/targets/1').expect(403);
    await user.get('/newsroom/webhooks/deliveries').expect(403);
    await user.post('/newsroom/webhooks/deliveries/1/retry').expect(403);
    const targets = (await admin().get('/newsroom/webhooks/targets').expect(200)).body.data as RebuildTargetView[];
    expect(targets.map((target) => target.url)).not.toContain('https://build.example.com/denied');
  });

  it('lets a read-only role look but not change anything', async () => {
    const token = await adminWithActions(app, 'Newsroom Reader', ['plugin::newsroom.read']);
    const user = as(token);
    await user.get('/newsroom/rail').expect(200);
    await user.get('/newsroom/merges').expect(200);
    await user.get('/newsroom/webhooks/targets').expect(200);
    await user.post('/newsroom/ingest').send({ text: 'A title\n\nA paragraph.' }).expect(403);
    await user.put('/newsroom/boilerplate/1').send({ keep: true }).expect(403);
    await user.post('/newsroom/webhooks/targets').send({ url: 'https://build.example.com/reader', enabled: true }).expect(403);
  });
});
