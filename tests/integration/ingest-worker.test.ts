import fs from 'fs';
import path from 'path';
import { createFullAccessToken } from '../helpers/content';
import { APP_DIR } from '../helpers/paths';
import type { RailData } from '../helpers/rail';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { until } from '../helpers/until';
import { Receiver } from '../helpers/webhook-receiver';

/**
 * INGEST_WORKER=true: pages sent to the ingest endpoint are stored by a worker process on the same
 * database, so storing never holds the server's event loop. What the worker stores reaches readers
 * (REST, the rail) and the rebuild webhooks through this server, and a worker that dies is replaced.
 */

const samplePage = (name: string) => fs.readFileSync(path.join(APP_DIR, 'data', 'sample-pages', name));

interface WorkerStatus {
  running: boolean;
  pid: number | null;
  pages: number;
}

describe('the ingest worker process', () => {
  let app: TestApp;
  let token: string;
  let receiver: Receiver;
  const status = () => (app.strapi.plugin('newsroom').service('ingestWorker') as { status(): WorkerStatus }).status();
  const send = (body: Buffer) =>
    app.http().post('/api/newsroom/ingest?publish=true').set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send(body);

  beforeAll(async () => {
    receiver = await Receiver.start(() => 204);
    app = await startTestStrapi({
      env: { INGEST_WORKER: 'true', RAIL_ASSEMBLE_DELAY_MS: '50', REBUILD_WEBHOOK_URLS: receiver.url(), REBUILD_WEBHOOK_QUIET_MS: '100', REBUILD_WEBHOOK_POLL_MS: '50' },
    });
    token = await createFullAccessToken(app.strapi);
    await until(async () => (status().running ? true : null));
  });

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
  });

  it('stores a page in the worker, and readers, the rail and the rebuild webhook see it through this server', async () => {
    const worker = status();
    // A process of its own, alive: signal 0 only checks that it exists.
    expect(worker.pid).toEqual(expect.any(Number));
    expect(worker.pid).not.toBe(process.pid);
    expect(process.kill(worker.pid as number, 0)).toBe(true);
    const res = await send(samplePage('halvorsen-antwerp-rail-a.txt')).expect(201);
    const { documentId, slug } = res.body.data.article as { documentId: string; slug: string };
    expect(status().pages).toBe(worker.pages + 1);

    const article = await app.http().get(`/api/articles/${documentId}`).expect(200);
    expect(article.body.data.title).toBe('Halvorsen Gem Labs Opens Grading Center in Antwerp');
    await until(async () => {
      const rail = (await app.http().get('/api/latest-rail').expect(200)).body.data as RailData;
      return rail.cards.some((card) => card.article?.documentId === documentId) ? rail : null;
    });
    const delivery = await until(async () => receiver.requests.find((request) => JSON.stringify(request.payload).includes(slug)) ?? null);
    expect(delivery.answered).toBe(204);
  });

  it('sends no refused page to the worker', async () => {
    const before = status().pages;
    await send(Buffer.from('{"text": "not a page"}')).expect(400);
    expect(status().pages).toBe(before);
  });

  it('replaces a worker that died, and loses no page', async () => {
    const { pid, pages } = status();
    process.kill(pid as number, 'SIGKILL');
    await until(async () => (status().pid !== pid ? true : null));

    const res = await send(samplePage('tideline-pearl-auction-cut.txt')).expect(201);
    const stored = await app.http().get(`/api/articles/${res.body.data.article.documentId}`).expect(200);
    expect(stored.body.data.documentId).toBe(res.body.data.article.documentId);
    const now = status();
    expect(now.running).toBe(true);
    expect(now.pid).not.toBe(pid);
    // The new worker stored it (the count is this server's, kept across workers).
    expect(now.pages).toBe(pages + 1);
  });
});
