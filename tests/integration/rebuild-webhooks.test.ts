import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { Core } from '@strapi/strapi';
import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import { REBUILD_ATTEMPTS_TABLE, REBUILD_EVENTS_TABLE, REBUILD_DELIVERIES_TABLE } from '../../src/plugins/newsroom/server/src/persistence/tables';
import type { RebuildService, RebuildTargetView } from '../../src/plugins/newsroom/server/src/services/rebuild';
import { createRebuildDispatcher } from '../../src/plugins/newsroom/server/src/services/rebuild-dispatcher';
import { createFullAccessToken } from '../helpers/content';
import { createTestDatabase, usingPostgres } from '../helpers/database';
import { startStrapiProcess, startTestStrapi, type TestApp } from '../helpers/strapi';
import { freePort, Receiver, type Answer, type Received } from '../helpers/webhook-receiver';

/**
 * Rebuild webhooks end to end: real Strapi, real database, real HTTP receivers on 127.0.0.1.
 * Nothing here waits a fixed time: every wait is for a request to arrive or a row to change.
 */

const ARTICLE_UID = 'api::article.article';
// The spec's secret form, as a receiver using the `standardwebhooks` package is given it.
const SECRET = `whsec_${Buffer.from('rebuild-webhooks-integration-test-key!').toString('base64')}`;

/** Short enough to keep the file quick; the quiet window is wide enough that a burst of writes stays one burst. */
const FAST_ENV: Record<string, string> = {
  REBUILD_WEBHOOK_SECRET: SECRET,
  REBUILD_WEBHOOK_QUIET_MS: '1500',
  REBUILD_WEBHOOK_MAX_WAIT_MS: '600000',
  REBUILD_WEBHOOK_RETRY_BASE_MS: '100',
  REBUILD_WEBHOOK_RETRY_MAX_MS: '1000',
  REBUILD_WEBHOOK_RETRY_JITTER: 'none',
  REBUILD_WEBHOOK_TIMEOUT_MS: '1000',
  REBUILD_WEBHOOK_POLL_MS: '50',
};

function verifier(): Webhook {
  return new Webhook(SECRET);
}

const articleChanges = (request: Received) => request.payload.changes.filter((change) => change.type === 'article');

async function publishArticle(strapi: Core.Strapi, title: string): Promise<{ documentId: string; slug: string }> {
  const created = (await strapi.documents(ARTICLE_UID).create({
    data: { title, body: linesToBlocks([`${title}: a paragraph written for the rebuild webhook test.`]) as never },
    status: 'published',
  })) as { documentId: string; slug: string };
  return { documentId: created.documentId, slug: created.slug };
}

/** Polls until `check` holds (the jest timeout bounds it); the pause only spares the shared CPU. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('rebuild webhooks', () => {
  let app: TestApp;
  let envReceiver: Receiver;
  const receivers: Receiver[] = [];

  const rebuild = () => app.strapi.plugin('newsroom').service('rebuild') as RebuildService;
  const knex = () => app.strapi.db.connection;

  /** Enables exactly the given targets, so each test's receivers see only that test's changes. */
  async function onlyTargets(...ids: number[]): Promise<void> {
    for (const target of await rebuild().listTargets()) {
      const enabled = ids.includes(target.id);
      if (target.enabled !== enabled) await rebuild().saveTarget({ id: target.id, url: target.url, enabled });
    }
  }

  async function addReceiver(answer?: (index: number, path: string) => Answer, path = '/hook') {
    const receiver = await Receiver.start(answer);
    receivers.push(receiver);
    const target = await rebuild().saveTarget({ url: receiver.url(path), enabled: true });
    return { receiver, target };
  }

  /** Nothing of this target is queued or pending: all it will ever get has been sent. */
  async function drained(targetId: number): Promise<boolean> {
    const events = await knex()(REBUILD_EVENTS_TABLE).where('target_id', targetId).count({ n: '*' }).first();
    const pending = await knex()(REBUILD_DELIVERIES_TABLE).where({ target_id: targetId, status: 'pending' }).count({ n: '*' }).first();
    return Number(events?.n) === 0 && Number(pending?.n) === 0;
  }

  beforeAll(async () => {
    envReceiver = await Receiver.start();
    receivers.push(envReceiver);
    app = await startTestStrapi({ env: { ...FAST_ENV, REBUILD_WEBHOOK_URLS: envReceiver.url('/from-env') } });
  });

  afterAll(async () => {
    await app?.stop();
    for (const receiver of receivers) await receiver.close();
  });

  it('upserts the targets of REBUILD_WEBHOOK_URLS at boot', async () => {
    const targets = await rebuild().listTargets();
    expect(targets).toEqual([expect.objectContaining({ url: envReceiver.url('/from-env'), enabled: true, source: 'env', disabledReason: null })]);
  });

  it('refuses bad admin input with a RebuildAdminError code, and deletes targets', async () => {
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { name: string; code: string }) => [error.name, error.code]);
    expect(await refusal(rebuild().saveTarget({ url: 'ftp://example.com/hook', enabled: true }))).toEqual(['RebuildAdminError', 'invalid']);
    expect(await refusal(rebuild().saveTarget({ url: envReceiver.url('/from-env'), enabled: true }))).toEqual(['RebuildAdminError', 'conflict']);
    expect(await refusal(rebuild().saveTarget({ id: 99_999, url: 'https://example.com/hook', enabled: true }))).toEqual(['RebuildAdminError', 'not-found']);
    expect(await refusal(rebuild().retryNow('not-an-id'))).toEqual(['RebuildAdminError', 'not-found']);

    const added = await rebuild().saveTarget({ url: 'HTTPS://Build.Example.com:443/hook#frag', enabled: false });
    expect(added).toMatchObject({ url: 'https://build.example.com/hook', enabled: false, source: 'admin', disabledReason: 'disabled in the admin' });
    expect(await rebuild().deleteTarget(String(added.id))).toEqual({ deleted: true });
    expect(await rebuild().deleteTarget(added.id)).toEqual({ deleted: false });
    expect((await rebuild().listTargets()).map((target) => target.url)).toEqual([envReceiver.url('/from-env')]);
  });

  it('turns a burst of 200 publishes into one delivery (two at most) listing all 200, signed', async () => {
    const [target] = await rebuild().listTargets();
    const published: Array<{ documentId: string; slug: string }> = [];
    for (let i = 1; i <= 200; i += 1) published.push(await publishArticle(app.strapi, `Burst story number ${i} about harbour freight`));

    const ids = new Set(published.map((article) => article.documentId));
    await envReceiver.waitFor((requests) => requests.some((request) => articleChanges(request).length === 200));
    // The rail assembled after the burst may add one more delivery; wait until nothing is left to send.
    await getRailSettled(app);
    await until(() => drained(target.id));

    expect(envReceiver.requests.length).toBeGreaterThanOrEqual(1);
    expect(envReceiver.requests.length).toBeLessThanOrEqual(2);
    const full = envReceiver.requests.find((request) => articleChanges(request).length === 200) as Received;
    expect(full.payload.event).toBe('site.changed');
    expect(full.payload.count).toBe(full.payload.changes.length);
    expect(new Set(articleChanges(full).map((change) => change.documentId))).toEqual(ids);
    const bySlug = new Map(published.map((article) => [article.documentId, article.slug]));
    for (const change of articleChanges(full)) {
      expect(change).toEqual({ type: 'article', documentId: change.documentId, slug: bySlug.get(change.documentId as string), action: 'publish', category: null });
    }
    expect(full.payload.deliveryId).toBe(full.headers['webhook-id']);
    // Every article went out once: no document is listed in two deliveries.
    const listed = envReceiver.requests.flatMap((request) => articleChanges(request).map((change) => change.documentId));
    expect(listed).toHaveLength(200);
    // The rail changed with the burst: the last delivery names a rail version.
    const last = envReceiver.requests[envReceiver.requests.length - 1];
    expect(typeof last.payload.railVersion).toBe('number');

    for (const request of envReceiver.requests) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['webhook-signature']).toMatch(/^v1,/);
      expect(verifier().verify(request.body, request.headers)).toEqual(request.payload);
    }
  });

  it('signatures fail verification for a tampered body or another secret', () => {
    const request = envReceiver.requests[0];
    const tampered = request.body.replace('site.changed', 'site.chanGed');
    expect(() => verifier().verify(tampered, request.headers)).toThrow(WebhookVerificationError);
    const other = new Webhook(`whsec_${Buffer.from('some other key entirely').toString('base64')}`);
    expect(() => other.verify(request.body, request.headers)).toThrow(WebhookVerificationError);
  });

  it('retries a receiver that fails twice: the third attempt delivers, with the same webhook-id', async () => {
    const { receiver, target } = await addReceiver((index) => (index < 2 ? 500 : 200));
    await onlyTargets(target.id);
    const article = await publishArticle(app.strapi, 'Retried story about a ferry timetable');

    await receiver.waitFor((requests) => requests.length >= 3);
    const webhookId = receiver.requests[0].headers['webhook-id'];
    const sameDelivery = receiver.requests.filter((request) => request.headers['webhook-id'] === webhookId);
    expect(sameDelivery.map((request) => request.answered)).toEqual([500, 500, 200]);
    expect(sameDelivery.map((request) => request.body)).toEqual([sameDelivery[0].body, sameDelivery[0].body, sameDelivery[0].body]);
    expect(articleChanges(sameDelivery[0])).toEqual([{ type: 'article', documentId: article.documentId, slug: article.slug, action: 'publish', category: null }]);
    for (const request of sameDelivery) expect(verifier().verify(request.body, request.headers)).toEqual(request.payload);

    await until(async () => (await rebuild().listDeliveries({ limit: 50 })).some((d) => d.webhookId === webhookId && d.status === 'delivered'));
    const delivery = (await rebuild().listDeliveries({ limit: 50 })).find((d) => d.webhookId === webhookId);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, lastError: null, nextAttemptAt: null, targetUrl: receiver.url() });
    const attempts = await rebuild().listAttempts(delivery!.id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.outcome])).toEqual([
      [1, 500, 'retry'],
      [2, 500, 'retry'],
      [3, 200, 'delivered'],
    ]);
    expect(attempts[0].error).toMatch(/HTTP 500/);
    expect(attempts[2].error).toBeNull();
    for (const attempt of attempts) expect(Number.isInteger(attempt.latencyMs) && attempt.latencyMs >= 0).toBe(true);
  });

  it('counts a receiver that does not answer within the timeout as a failure, and retries it', async () => {
    const { receiver, target } = await addReceiver((index) => (index === 0 ? 'hang' : 200));
    await onlyTargets(target.id);
    await publishArticle(app.strapi, 'Story delivered after a receiver timeout');

    await receiver.waitFor((requests) => requests.some((request) => request.answered === 200));
    const webhookId = receiver.requests[0].headers['webhook-id'];
    await until(async () => (await rebuild().listDeliveries()).some((d) => d.webhookId === webhookId && d.status === 'delivered'));
    const delivery = (await rebuild().listDeliveries()).find((d) => d.webhookId === webhookId)!;
    const attempts = await rebuild().listAttempts(delivery.id);
    expect(attempts.map((attempt) => [attempt.status, attempt.outcome])).toEqual([
      [null, 'retry'],
      [200, 'delivered'],
    ]);
    expect(attempts[0].error).toMatch(/^timeout/);
  });

  it('disables a target that answers 410, sends it nothing more, and gives it what it missed when enabled again', async () => {
    let answer = 410;
    const { receiver: gone, target: goneTarget } = await addReceiver(() => answer);
    await onlyTargets(goneTarget.id);
    const first = await publishArticle(app.strapi, 'Story sent to a retired endpoint');
    await gone.waitFor((requests) => requests.length === 1);
    await until(async () => !(await rebuild().listTargets()).find((t) => t.id === goneTarget.id)!.enabled);

    const disabled = (await rebuild().listTargets()).find((t) => t.id === goneTarget.id)!;
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toMatch(/410/);
    const delivery = (await rebuild().listDeliveries()).find((d) => d.webhookId === gone.requests[0].headers['webhook-id'])!;
    expect(delivery).toMatchObject({ status: 'cancelled', attempts: 1, lastStatus: 410, sequence: 1 });

    // A later change reaches a healthy target, and not the disabled one, which keeps it owed.
    const { receiver: healthy, target: healthyTarget } = await addReceiver();
    const later = await publishArticle(app.strapi, 'Story after the endpoint was retired');
    await healthy.waitFor((requests) => requests.some((request) => articleChanges(request).some((c) => c.documentId === later.documentId)));
    await getRailSettled(app);
    await until(() => drained(healthyTarget.id));
    expect(gone.requests).toHaveLength(1);
    expect(Number((await knex()(REBUILD_EVENTS_TABLE).where('target_id', goneTarget.id).count({ n: '*' }).first())?.n)).toBeGreaterThan(0);

    // Enabled again, it gets one delivery with both stories, next in its sequence.
    answer = 204;
    await rebuild().updateTarget({ id: goneTarget.id, enabled: true });
    await gone.waitFor((requests) => requests.length === 2);
    const missed = gone.requests[1];
    expect(missed.payload.sequence).toBe(2);
    expect(missed.headers['newsroom-sequence']).toBe('2');
    expect(articleChanges(missed).map((change) => change.documentId)).toEqual([first.documentId, later.documentId]);
    expect((await rebuild().listDeliveries()).find((d) => d.id === delivery.id)!.carriedById).not.toBeNull();
  });

  it('carries a delivery that gave up in the target’s next one, and refuses to resend it after that', async () => {
    let answer = 503;
    const { receiver, target } = await addReceiver(() => answer);
    await onlyTargets(target.id);
    const settings = app.strapi.config.get('plugin::newsroom.rebuild') as { retry: { maxAttempts: number } };
    const previous = settings.retry.maxAttempts;
    settings.retry.maxAttempts = 1;
    try {
      const lost = await publishArticle(app.strapi, 'Story whose only delivery gives up');
      await receiver.waitFor((requests) => requests.length === 1);
      const failedId = receiver.requests[0].headers['webhook-id'];
      await until(async () => (await rebuild().listDeliveries()).some((d) => d.webhookId === failedId && d.status === 'failed'));
      await getRailSettled(app);
      await until(() => drained(target.id));

      answer = 204;
      const next = await publishArticle(app.strapi, 'Story published once the receiver is back');
      await receiver.waitFor((requests) => requests.some((r) => articleChanges(r).some((c) => c.documentId === next.documentId)));
      const carrying = receiver.requests.find((r) => articleChanges(r).some((c) => c.documentId === next.documentId))!;
      expect(articleChanges(carrying).map((change) => change.documentId)).toEqual([lost.documentId, next.documentId]);
      expect(carrying.payload.sequence).toBe(receiver.requests[0].payload.sequence + 1);
      expect(verifier().verify(carrying.body, carrying.headers)).toEqual(carrying.payload);

      const failed = (await rebuild().listDeliveries()).find((d) => d.webhookId === failedId)!;
      const carrier = (await rebuild().listDeliveries()).find((d) => d.webhookId === carrying.headers['webhook-id'])!;
      expect(failed.carriedById).toBe(carrier.id);
      await expect(rebuild().retryNow(failed.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('superseded') });
    } finally {
      settings.retry.maxAttempts = previous;
    }
  });

  it('asks for a full rebuild when more is owed than a delivery lists', async () => {
    let answer = 503;
    const { receiver, target } = await addReceiver(() => answer);
    await onlyTargets(target.id);
    const settings = app.strapi.config.get('plugin::newsroom.rebuild') as { retry: { maxAttempts: number }; maxChanges: number };
    const previous = { maxAttempts: settings.retry.maxAttempts, maxChanges: settings.maxChanges };
    settings.retry.maxAttempts = 1;
    settings.maxChanges = 3;
    try {
      for (const n of [1, 2, 3]) await publishArticle(app.strapi, `Owed story number ${n}`);
      await receiver.waitFor((requests) => requests.length >= 1);
      await getRailSettled(app);
      await until(() => drained(target.id));
      answer = 204;
      const last = await publishArticle(app.strapi, 'Owed story that tips the bound');
      await receiver.waitFor((requests) => requests.some((r) => r.answered === 204));
      const resync = receiver.requests.find((r) => r.answered === 204)!;
      expect(resync.payload).toMatchObject({ resync: true, changes: [], count: 0 });
      expect(JSON.stringify(resync.payload)).not.toContain(last.documentId);
    } finally {
      settings.retry.maxAttempts = previous.maxAttempts;
      settings.maxChanges = previous.maxChanges;
    }
  });

  it('keeps what a target misses while an editor has it disabled, and sends it when enabled again', async () => {
    const { receiver, target } = await addReceiver();
    await onlyTargets(target.id);
    const seen = await publishArticle(app.strapi, 'Story seen before the target was disabled');
    await receiver.waitFor((requests) => requests.some((r) => articleChanges(r).some((c) => c.documentId === seen.documentId)));
    await getRailSettled(app);
    await until(() => drained(target.id));
    const before = receiver.requests.length;

    await rebuild().updateTarget({ id: target.id, enabled: false });
    const missed = await publishArticle(app.strapi, 'Story published while the target was disabled');
    await getRailSettled(app);
    await rebuild().dispatchNow();
    expect(receiver.requests).toHaveLength(before);

    await rebuild().updateTarget({ id: target.id, enabled: true });
    await receiver.waitFor((requests) => requests.slice(before).some((r) => articleChanges(r).some((c) => c.documentId === missed.documentId)));
    const sequences = receiver.requests.map((r) => r.payload.sequence);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  });

  it('prunes what is past retention, and owes a full rebuild to a target that loses a change that way', async () => {
    const { receiver: kept, target: keptTarget } = await addReceiver();
    const { receiver: away, target: awayTarget } = await addReceiver();
    await onlyTargets(keptTarget.id);
    const longAgo = Date.now() - 40 * 24 * 60 * 60_000;
    const delivery = (targetId: number, sequence: number, status: string) => ({
      webhook_id: `msg_pruned_${targetId}_${sequence}`,
      target_id: targetId,
      target_url: 'http://127.0.0.1:9/old',
      sequence,
      status,
      payload: JSON.stringify({ changes: [], railVersion: null, resync: false, firstEventAt: new Date(longAgo).toISOString(), lastEventAt: new Date(longAgo).toISOString() }),
      change_count: 0,
      event_count: 1,
      attempts: 1,
      next_attempt_at_ms: longAgo,
      created_at_ms: longAgo,
      finished_at_ms: longAgo,
    });
    await knex()(REBUILD_DELIVERIES_TABLE).insert([delivery(keptTarget.id, 1, 'delivered'), delivery(keptTarget.id, 2, 'delivered')]);
    const [oldest] = await knex()(REBUILD_DELIVERIES_TABLE).where('webhook_id', `msg_pruned_${keptTarget.id}_1`).select('id');
    await knex()(REBUILD_ATTEMPTS_TABLE).insert({ delivery_id: oldest.id, attempt: 1, attempted_at_ms: longAgo, status: 200, latency_ms: 3, outcome: 'delivered' });
    await knex()(REBUILD_EVENTS_TABLE).insert({ target_id: awayTarget.id, type: 'article', document_id: 'gone-long-ago', slug: 'gone', action: 'publish', created_at_ms: longAgo });

    // A dispatcher that has not pruned yet prunes on its first pass.
    const other = createRebuildDispatcher({ strapi: app.strapi, instanceId: 'pruning-instance' });
    try {
      await other.dispatchNow();
    } finally {
      await other.stop();
    }
    const left = await knex()(REBUILD_DELIVERIES_TABLE).where('target_id', keptTarget.id).orderBy('sequence').select('sequence');
    expect(left.map((row: { sequence: number | string }) => Number(row.sequence))).toEqual([2]);
    expect(await knex()(REBUILD_ATTEMPTS_TABLE).where('delivery_id', oldest.id)).toEqual([]);
    expect(Number((await knex()(REBUILD_EVENTS_TABLE).where('target_id', awayTarget.id).count({ n: '*' }).first())?.n)).toBe(0);
    expect((await rebuild().listTargets()).find((t) => t.id === awayTarget.id)).toMatchObject({ enabled: false, resyncOwed: true });

    // The kept target's stream goes on from the delivery that was kept; the other asks for a full rebuild.
    await publishArticle(app.strapi, 'Story after the old deliveries were pruned');
    await kept.waitFor((requests) => requests.length >= 1);
    expect(kept.requests[0].payload.sequence).toBe(3);
    await rebuild().updateTarget({ id: awayTarget.id, enabled: true });
    await away.waitFor((requests) => requests.some((r) => r.payload.resync));
    expect(away.requests.find((r) => r.payload.resync)!.payload).toMatchObject({ resync: true, changes: [] });
  });

  it('names an article’s category, the one it left when it moved, and a new category as created', async () => {
    const { receiver, target } = await addReceiver();
    await onlyTargets(target.id);
    const categories = app.strapi.documents('api::category.category');
    const bridal = await categories.create({ data: { name: 'Bridal Webhook Desk' } });
    const estate = await categories.create({ data: { name: 'Estate Webhook Desk' } });
    const article = (await app.strapi.documents(ARTICLE_UID).create({
      data: { title: 'Story filed under bridal first', body: linesToBlocks(['Filed under bridal.']) as never, category: bridal.documentId } as never,
      status: 'published',
    })) as unknown as { documentId: string };
    await receiver.waitFor((requests) => requests.some((r) => articleChanges(r).some((c) => c.documentId === article.documentId)));
    await getRailSettled(app);
    await until(() => drained(target.id));
    const created = receiver.requests.flatMap((r) => r.payload.changes).filter((c) => c.type === 'category');
    expect(created).toEqual([
      { type: 'category', documentId: bridal.documentId, slug: bridal.slug, action: 'create' },
      { type: 'category', documentId: estate.documentId, slug: estate.slug, action: 'create' },
    ]);
    expect(articleChanges(receiver.requests.find((r) => articleChanges(r).length > 0)!)[0]).toMatchObject({ action: 'publish', category: bridal.slug });
    const before = receiver.requests.length;

    await app.strapi.documents(ARTICLE_UID).update({ documentId: article.documentId, data: { category: estate.documentId } as never, status: 'published' });
    await receiver.waitFor((requests) => requests.slice(before).some((r) => articleChanges(r).length > 0));
    const moved = receiver.requests.slice(before).flatMap(articleChanges);
    expect(moved).toEqual([{ type: 'article', documentId: article.documentId, slug: expect.any(String), action: 'update', category: estate.slug, previousCategory: bridal.slug }]);
  });

  it('sends nothing for edits to drafts', async () => {
    const { receiver, target } = await addReceiver();
    await onlyTargets(target.id);
    const documents = app.strapi.documents(ARTICLE_UID);
    // A new draft, edited; and the draft of a published article, edited without publishing.
    const draft = await documents.create({ data: { title: 'Draft story nobody has published', body: linesToBlocks(['Draft text.']) as never } });
    await documents.update({ documentId: draft.documentId, data: { dek: 'Still a draft.' } });
    const live = await publishArticle(app.strapi, 'Published story whose draft is edited');
    await getRailSettled(app);
    await until(() => drained(target.id));
    const before = receiver.requests.length;
    await documents.update({ documentId: live.documentId, data: { dek: 'A draft edit, not published.' } });
    expect(Number((await knex()(REBUILD_EVENTS_TABLE).where('target_id', target.id).count({ n: '*' }).first())?.n)).toBe(0);

    // A published change afterwards is delivered alone: the draft edits were never queued.
    const marker = await publishArticle(app.strapi, 'Marker story published after the draft edits');
    await receiver.waitFor((requests) => requests.slice(before).some((r) => articleChanges(r).some((c) => c.documentId === marker.documentId)));
    await getRailSettled(app);
    await until(() => drained(target.id));
    const after = receiver.requests.slice(before).flatMap(articleChanges).map((change) => change.documentId);
    expect(after).toEqual([marker.documentId]);
    const all = receiver.requests.flatMap(articleChanges).map((change) => change.documentId);
    expect(all).not.toContain(draft.documentId);
    expect(all.filter((id) => id === live.documentId)).toHaveLength(1);
  });

  it('names an unpublished and a deleted article by the slug the page had, and sends nothing for a draft deleted', async () => {
    const { receiver, target } = await addReceiver();
    await onlyTargets(target.id);
    const documents = app.strapi.documents(ARTICLE_UID);
    const hidden = await publishArticle(app.strapi, 'Story an editor takes down again');
    const gone = await publishArticle(app.strapi, 'Story an editor deletes for good');
    const draft = await documents.create({ data: { title: 'Draft story deleted unseen', body: linesToBlocks(['Draft.']) as never } });
    await getRailSettled(app);
    await until(() => drained(target.id));
    const before = receiver.requests.length;

    await documents.unpublish({ documentId: hidden.documentId });
    await documents.delete({ documentId: gone.documentId });
    await documents.delete({ documentId: draft.documentId });
    await receiver.waitFor((requests) =>
      requests.slice(before).flatMap(articleChanges).some((change) => change.documentId === gone.documentId)
    );
    await getRailSettled(app);
    await until(() => drained(target.id));
    const changes = receiver.requests.slice(before).flatMap(articleChanges);
    expect(changes).toEqual(
      expect.arrayContaining([
        { type: 'article', documentId: hidden.documentId, slug: hidden.slug, action: 'unpublish', category: null },
        { type: 'article', documentId: gone.documentId, slug: gone.slug, action: 'delete', category: null },
      ])
    );
    expect(changes.map((change) => change.documentId)).not.toContain(draft.documentId);
  });

  it('sends each delivery from one dispatcher only when two race for it', async () => {
    const receiver = await Receiver.start(() => 200);
    receivers.push(receiver);
    const targets: RebuildTargetView[] = [];
    for (let i = 1; i <= 8; i += 1) targets.push(await rebuild().saveTarget({ url: receiver.url(`/site-${i}`), enabled: true }));
    await onlyTargets(...targets.map((t) => t.id));
    const other = createRebuildDispatcher({ strapi: app.strapi, instanceId: 'second-instance' });
    try {
      await publishArticle(app.strapi, 'Story raced for by two dispatchers');
      // Both dispatchers (and this instance's own loop) keep claiming until every target is served.
      await until(async () => {
        await Promise.all([other.dispatchNow(), rebuild().dispatchNow()]);
        return receiver.requests.filter((r) => articleChanges(r).length > 0).length >= targets.length;
      });
      await getRailSettled(app);
      for (const target of targets) await until(async () => {
        await Promise.all([other.dispatchNow(), rebuild().dispatchNow()]);
        return drained(target.id);
      });
    } finally {
      await other.stop();
    }
    const ids = receiver.requests.map((request) => request.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    const articlePaths = receiver.requests.filter((r) => articleChanges(r).length > 0).map((r) => r.path).sort();
    expect(articlePaths).toEqual(targets.map((_, i) => `/site-${i + 1}`).sort());
    const deliveries = (await rebuild().listDeliveries({ limit: 100 })).filter((d) => targets.some((t) => t.id === d.targetId));
    expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
  });

  it('retryNow reopens a failed delivery with its webhook-id', async () => {
    const { receiver, target } = await addReceiver((index) => (index === 0 ? 503 : 200));
    await onlyTargets(target.id);
    // One attempt only, so the first failure gives up (the dispatcher reads its settings on every pass).
    const settings = app.strapi.config.get('plugin::newsroom.rebuild') as { retry: { maxAttempts: number } };
    const previous = settings.retry.maxAttempts;
    settings.retry.maxAttempts = 1;
    try {
      await publishArticle(app.strapi, 'Story whose delivery gives up at once');
      await receiver.waitFor((requests) => requests.length === 1);
      const webhookId = receiver.requests[0].headers['webhook-id'];
      await until(async () => (await rebuild().listDeliveries()).some((d) => d.webhookId === webhookId && d.status === 'failed'));
      const failed = (await rebuild().listDeliveries()).find((d) => d.webhookId === webhookId)!;
      expect(failed).toMatchObject({ attempts: 1, lastStatus: 503, nextAttemptAt: null });

      const reopened = await rebuild().retryNow(failed.id);
      expect(reopened.status).toBe('pending');
      await receiver.waitFor((requests) => requests.length >= 2);
      expect(receiver.requests[1].headers['webhook-id']).toBe(webhookId);
      // Nothing newer exists, so it goes out again in its own place in the stream.
      expect(receiver.requests[1].headers['newsroom-sequence']).toBe(receiver.requests[0].headers['newsroom-sequence']);
      await until(async () => (await rebuild().listDeliveries()).some((d) => d.id === failed.id && d.status === 'delivered'));
    } finally {
      settings.retry.maxAttempts = previous;
    }
  });
});

/** Waits for the rail's scheduled assemblies, so the rebuild event each records is in the outbox. */
async function getRailSettled(app: TestApp): Promise<void> {
  await (app.strapi.plugin('newsroom').service('rail') as { settle(): Promise<void> }).settle();
}

describe('rebuild webhooks across a restart', () => {
  it('delivers to a receiver that was down across a restart, after the restart, with the same webhook-id', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const env = {
      ...FAST_ENV,
      REBUILD_WEBHOOK_URLS: `http://127.0.0.1:${port}/hook`,
      REBUILD_WEBHOOK_QUIET_MS: '100',
      REBUILD_WEBHOOK_MAX_ATTEMPTS: '50',
    };
    let receiver: Receiver | undefined;
    let first: TestApp | undefined;
    let second: TestApp | undefined;
    try {
      first = await startTestStrapi({ env, database });
      const article = await publishArticle(first.strapi, 'Story published while the frontend is down');
      const service = () => first!.strapi.plugin('newsroom').service('rebuild') as RebuildService;
      await until(async () => (await service().listDeliveries()).some((d) => d.attempts >= 1));
      const [before] = (await service().listDeliveries()).filter((d) => d.attempts >= 1);
      expect(before.status).toBe('pending');
      expect(before.lastError).toMatch(/ECONNREFUSED/);
      await first.stop();
      first = undefined;

      receiver = await Receiver.start(() => 200, port);
      second = await startTestStrapi({ env, database });
      await receiver.waitFor((requests) => requests.some((request) => request.headers['webhook-id'] === before.webhookId));
      const resent = receiver.requests.find((request) => request.headers['webhook-id'] === before.webhookId)!;
      expect(articleChanges(resent)).toEqual([{ type: 'article', documentId: article.documentId, slug: expect.any(String), action: 'publish', category: null }]);
      expect(verifier().verify(resent.body, resent.headers)).toEqual(resent.payload);
    } finally {
      await first?.stop();
      await second?.stop();
      await receiver?.close();
      await database.drop();
    }
  });
});

// Several instances share a database server in production; SQLite is one process's file.
const describeOnServer = usingPostgres() ? describe : describe.skip;
if (!usingPostgres()) console.warn('rebuild webhooks from three instances skipped: they need a database server (npm run test:postgres runs it)');

describeOnServer('rebuild webhooks from three instances on one PostgreSQL database', () => {
  it('sends a burst posted to all three at once as one delivery, each delivery once, sequences consecutive', async () => {
    const database = await createTestDatabase();
    const receiver = await Receiver.start();
    const env = { ...FAST_ENV, REBUILD_WEBHOOK_URLS: receiver.url('/build'), REBUILD_WEBHOOK_QUIET_MS: '3000' };
    let first: TestApp | undefined;
    const others: Array<Awaited<ReturnType<typeof startStrapiProcess>>> = [];
    try {
      first = await startTestStrapi({ env, database });
      for (let i = 0; i < 2; i += 1) others.push(await startStrapiProcess({ env, database }));
      const token = await createFullAccessToken(first.strapi);
      const urls = [first.url, ...others.map((other) => other.url)];

      // Ten stories to each instance, all at once.
      const posted = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const res = await fetch(`${urls[i % 3]}/api/articles?status=published`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ data: { title: `Story ${i + 1} of a burst sent to three servers`, body: linesToBlocks([`Paragraph of story ${i + 1}.`]) } }),
          });
          expect(res.status).toBe(201);
          return ((await res.json()) as { data: { documentId: string } }).data.documentId;
        })
      );

      await receiver.waitFor((requests) => {
        const listed = new Set(requests.flatMap(articleChanges).map((change) => change.documentId));
        return posted.every((documentId) => listed.has(documentId));
      });
      const [target] = await (first.strapi.plugin('newsroom').service('rebuild') as RebuildService).listTargets();
      const knexFirst = first.strapi.db.connection;
      // Wait until every instance has sent what it will (the rail assemblies after the burst included).
      await until(async () => {
        const events = await knexFirst(REBUILD_EVENTS_TABLE).where('target_id', target.id).count({ n: '*' }).first();
        const pending = await knexFirst(REBUILD_DELIVERIES_TABLE).where({ target_id: target.id, status: 'pending' }).count({ n: '*' }).first();
        return Number(events?.n) === 0 && Number(pending?.n) === 0;
      });

      const withArticles = receiver.requests.filter((request) => articleChanges(request).length > 0);
      expect(withArticles).toHaveLength(1);
      expect(new Set(articleChanges(withArticles[0]).map((change) => change.documentId))).toEqual(new Set(posted));
      const ids = receiver.requests.map((request) => request.headers['webhook-id']);
      expect(new Set(ids).size).toBe(ids.length);
      const sequences = receiver.requests.map((request) => Number(request.headers['newsroom-sequence']));
      expect(sequences).toEqual(receiver.requests.map((_, i) => i + 1));
      expect(receiver.requests.map((request) => request.payload.sequence)).toEqual(sequences);
      for (const request of receiver.requests) expect(verifier().verify(request.body, request.headers)).toEqual(request.payload);
    } finally {
      for (const other of others) await other.stop();
      await first?.stop();
      await receiver.close();
      await database.drop();
    }
  }, 240000);
});
