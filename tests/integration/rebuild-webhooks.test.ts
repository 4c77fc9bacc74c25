import http from 'http';
import type { AddressInfo } from 'net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { Core } from '@strapi/strapi';
import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import type { SiteChangedPayload } from '../../src/plugins/newsroom/server/src/rebuild';
import { REBUILD_EVENTS_TABLE, REBUILD_DELIVERIES_TABLE } from '../../src/plugins/newsroom/server/src/persistence/tables';
import type { RebuildService, RebuildTargetView } from '../../src/plugins/newsroom/server/src/services/rebuild';
import { createRebuildDispatcher } from '../../src/plugins/newsroom/server/src/services/rebuild-dispatcher';
import { createTestDatabase } from '../helpers/database';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

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

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  payload: SiteChangedPayload;
  /** The status this receiver answered, or null when it never answered. */
  answered: number | null;
}

type Answer = number | 'hang';

/** A webhook receiver: records every request and answers what `answer` says for the nth one (0-based). */
class Receiver {
  readonly requests: Received[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly server: http.Server, private answer: (index: number, path: string) => Answer) {}

  static async start(answer: (index: number, path: string) => Answer = () => 204, port = 0): Promise<Receiver> {
    let receiver: Receiver | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => (receiver as Receiver).handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    receiver = new Receiver(server, answer);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const answer = this.answer(this.requests.length, req.url ?? '');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    this.requests.push({ path: req.url ?? '', headers, body, payload: JSON.parse(body) as SiteChangedPayload, answered: answer === 'hang' ? null : answer });
    if (answer !== 'hang') res.writeHead(answer).end();
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves once `done(requests)` holds (checked on every request). */
  waitFor(done: (requests: Received[]) => boolean): Promise<void> {
    if (done(this.requests)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!done(this.requests)) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on (yet): reserved by listening, then released. */
async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

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
      expect(change).toEqual({ type: 'article', documentId: change.documentId, slug: bySlug.get(change.documentId as string), action: 'publish' });
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
    expect(articleChanges(sameDelivery[0])).toEqual([{ type: 'article', documentId: article.documentId, slug: article.slug, action: 'publish' }]);
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

  it('disables a target that answers 410 and sends it nothing more', async () => {
    const { receiver: gone, target: goneTarget } = await addReceiver(() => 410);
    await onlyTargets(goneTarget.id);
    await publishArticle(app.strapi, 'Story sent to a retired endpoint');
    await gone.waitFor((requests) => requests.length === 1);
    await until(async () => !(await rebuild().listTargets()).find((t) => t.id === goneTarget.id)!.enabled);

    const disabled = (await rebuild().listTargets()).find((t) => t.id === goneTarget.id)!;
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toMatch(/410/);
    const delivery = (await rebuild().listDeliveries()).find((d) => d.webhookId === gone.requests[0].headers['webhook-id'])!;
    expect(delivery).toMatchObject({ status: 'cancelled', attempts: 1, lastStatus: 410 });

    // A later change reaches a healthy target, and not the disabled one.
    const { receiver: healthy, target: healthyTarget } = await addReceiver();
    const later = await publishArticle(app.strapi, 'Story after the endpoint was retired');
    await healthy.waitFor((requests) => requests.some((request) => articleChanges(request).some((c) => c.documentId === later.documentId)));
    await getRailSettled(app);
    await until(() => drained(healthyTarget.id));
    expect(gone.requests).toHaveLength(1);
    expect(await drained(goneTarget.id)).toBe(true);
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
        { type: 'article', documentId: hidden.documentId, slug: hidden.slug, action: 'unpublish' },
        { type: 'article', documentId: gone.documentId, slug: gone.slug, action: 'delete' },
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
      expect(articleChanges(resent)).toEqual([{ type: 'article', documentId: article.documentId, slug: expect.any(String), action: 'publish' }]);
      expect(verifier().verify(resent.body, resent.headers)).toEqual(resent.payload);
    } finally {
      await first?.stop();
      await second?.stop();
      await receiver?.close();
      await database.drop();
    }
  });
});
