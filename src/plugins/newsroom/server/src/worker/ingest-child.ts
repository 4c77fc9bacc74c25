import { createStrapi } from '@strapi/strapi';
import type { IngestService } from '../services/ingest';
import type { ServerMessage, WorkerMessage } from './protocol';

/**
 * The ingest worker process: a Strapi of its own on the same database, without an HTTP server,
 * that reads the pages the server's ingest routes hand it, one at a time, so that storing a page
 * never holds the event loop that answers readers. Forked by services/ingest-worker.ts.
 */
async function main(): Promise<void> {
  const [appDir, distDir] = process.argv.slice(2);
  const strapi = await createStrapi({ appDir, distDir }).load();
  const ingest = strapi.plugin('newsroom').service('ingest') as IngestService;
  // The channel may close while a page is read (the server stopped): its answer then goes nowhere.
  const send = (message: WorkerMessage) => {
    if (process.connected) process.send?.(message);
  };
  let queue = Promise.resolve();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void queue
      .then(() => ingest.settle())
      .then(() => strapi.destroy())
      .finally(() => process.exit(0));
  };

  process.on('message', (message: ServerMessage) => {
    if (message.type === 'stop') return stop();
    queue = queue.then(async () => {
      try {
        send({ type: 'done', id: message.id, result: await ingest.ingestPage(message.text, message.options) });
      } catch (error) {
        send({ type: 'failed', id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  // The server went away without asking (it crashed): finish the page in hand, then stop.
  process.once('disconnect', stop);
  send({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`[newsroom] ingest worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
