import { fork, type ChildProcess } from 'child_process';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { getPluginService, PLUGIN_ID } from '../utils/plugin';
import { INGEST_WORKER_CHILD, ingestWorkerEnabled, type IngestJob, type ServerMessage, type WorkerMessage } from '../worker/protocol';
import type { IngestOptions, IngestResult } from './ingest';

const CHILD_ENTRY = path.join(__dirname, '..', 'worker', 'ingest-child.js');
/** How long a stopping server waits for the worker to finish its page before it kills it. */
const STOP_TIMEOUT_MS = 15_000;
/** A worker not ready after this long is stuck booting: it is killed, and pages are read in-process. */
const START_TIMEOUT_MS = 120_000;
/** After a worker failed to start, pages are read in-process this long before another is tried. */
const RETRY_START_AFTER_MS = 60_000;

/** The worker went away (crashed, killed) before it answered: the page is read in-process instead. */
class WorkerGone extends Error {}

/**
 * Where the ingest routes (the content API's and the admin upload's) read a page. With
 * INGEST_WORKER on, a worker process (worker/ingest-child.ts: a Strapi of its own on the same
 * database, no HTTP server) stores it, so a large page or a long import never holds the event loop
 * that answers readers; the rail it assembles and the rebuild events it records reach this server
 * through the database. Off, or when the worker cannot be reached, the page is read in-process.
 */
const ingestWorkerService = ({ strapi }: { strapi: Core.Strapi }) => {
  let child: ChildProcess | null = null;
  let ready: Promise<void> | null = null;
  let nextId = 1;
  let handled = 0;
  let stopping = false;
  let startFailedAt = -Infinity;
  const pending = new Map<number, { resolve: (result: IngestResult) => void; reject: (error: Error) => void }>();

  const enabled = () =>
    process.env[INGEST_WORKER_CHILD] !== '1' &&
    ingestWorkerEnabled((strapi.config.get(`plugin::${PLUGIN_ID}.ingest`) as { worker?: unknown } | undefined)?.worker, process.env.NODE_ENV);

  function spawn(): Promise<void> {
    const worker = fork(CHILD_ENTRY, [strapi.dirs.app.root, strapi.dirs.dist.root], {
      env: { ...process.env, [INGEST_WORKER_CHILD]: '1', REBUILD_WEBHOOK_DISPATCH: 'false', SEED_SAMPLE_CONTENT: 'false' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = worker;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') return;
      const job = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === 'done') {
        handled += 1;
        job?.resolve(message.result);
      } else job?.reject(new Error(message.error));
    });
    worker.on('error', (error) => strapi.log.warn(`[newsroom] ingest worker: ${error.message}`));
    const started = new Promise<void>((resolve, reject) => {
      const stuck = setTimeout(() => worker.kill('SIGKILL'), START_TIMEOUT_MS);
      worker.once('message', () => {
        clearTimeout(stuck);
        resolve();
      });
      worker.once('exit', (code) => {
        clearTimeout(stuck);
        reject(new WorkerGone(`the ingest worker exited (${code}) while starting`));
      });
    });
    worker.once('exit', () => {
      if (child === worker) {
        child = null;
        ready = null;
      }
      for (const job of pending.values()) job.reject(new WorkerGone('the ingest worker exited before it answered'));
      pending.clear();
    });
    ready = started;
    return started;
  }

  async function inWorker(text: string, options: IngestJob['options']): Promise<IngestResult> {
    if (stopping) throw new WorkerGone('the ingest worker is stopping');
    if (!ready && Date.now() - startFailedAt < RETRY_START_AFTER_MS) throw new WorkerGone('the ingest worker failed to start a moment ago');
    try {
      await (ready ?? spawn());
    } catch (error) {
      startFailedAt = Date.now();
      throw error;
    }
    const worker = child;
    if (!worker?.connected) throw new WorkerGone('the ingest worker is not connected');
    return new Promise<IngestResult>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.send({ type: 'page', id, text, options } satisfies ServerMessage);
    });
  }

  return {
    /**
     * Starts the worker when this server starts listening, so the first page does not wait for it;
     * a Strapi that never serves HTTP (the ingest command, the worker itself) starts none.
     */
    start(): void {
      if (!enabled()) return;
      const launch = () =>
        spawn().catch((error: unknown) => strapi.log.warn(`[newsroom] ingest worker did not start, pages are read in-process: ${String(error)}`));
      const { httpServer } = strapi.server;
      if (httpServer.listening) void launch();
      else httpServer.once('listening', () => void launch());
    },

    /** Reads one page: in the worker when it is on, else (or when it is gone) in this process. */
    async ingestPage(text: string, options: Omit<IngestOptions, 'fetchedAt'>): Promise<IngestResult> {
      if (enabled()) {
        try {
          return await inWorker(text, options);
        } catch (error) {
          if (!(error instanceof WorkerGone)) throw error;
          // Nothing of a page the worker did not answer for is half-stored (one transaction). Had
          // it stored the page just before it died, reading it again merges into what it stored.
          strapi.log.warn(`[newsroom] ${error.message}; reading the page in-process`);
        }
      }
      return getPluginService(strapi, 'ingest').ingestPage(text, options);
    },

    /** What the worker has done: whether it runs, its process id, how many pages it answered for. */
    status(): { running: boolean; pid: number | null; pages: number } {
      return { running: Boolean(child?.connected), pid: child?.pid ?? null, pages: handled };
    },

    /** Lets the worker answer the pages it holds and stop; kills it if it does not in time. */
    async stop(): Promise<void> {
      stopping = true;
      const worker = child;
      if (!worker) return;
      const exited = new Promise<void>((resolve) => (worker.exitCode !== null ? resolve() : worker.once('exit', () => resolve())));
      if (worker.connected) worker.send({ type: 'stop' } satisfies ServerMessage);
      const timer = setTimeout(() => worker.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
};

export default ingestWorkerService;
export type IngestWorkerService = ReturnType<typeof ingestWorkerService>;
