import { createStrapi } from '@strapi/strapi';
import type { IngestService } from '../services/ingest';
import type { IngestJob, WorkerMessage } from './protocol';

/**
 * The ingest worker process: a Strapi of its own on the same database, without an HTTP server,
 * that reads the pages the server's ingest routes hand it, one at a time, so that storing a page
 * never holds the event loop that answers readers. Forked by services/ingest-worker.ts.
 */
async function main(): Promise<void> {
  const [appDir, distDir] = process.argv.slice(2);
  const strapi = await createStrapi({ appDir, distDir }).load();
  const ingest = strapi.plugin('newsroom').service('ingest') as IngestService;
  const send = (message: WorkerMessage) => process.send?.(message);
  let queue = Promise.resolve();

  process.on('message', (job: IngestJob) => {
    queue = queue.then(async () => {
      try {
        send({ type: 'done', id: job.id, result: await ingest.ingestPage(job.text, job.options) });
      } catch (error) {
        send({ type: 'failed', id: job.id, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  // The server closed the channel (it is stopping): finish the page in hand, then stop cleanly.
  process.once('disconnect', () => {
    void queue
      .then(() => ingest.settle())
      .then(() => strapi.destroy())
      .finally(() => process.exit(0));
  });
  send({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`[newsroom] ingest worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
