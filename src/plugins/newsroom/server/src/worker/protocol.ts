import type { IngestOptions, IngestResult } from '../services/ingest';

/** One page for the ingest worker process: what the endpoint would read in-process. */
export interface IngestJob {
  id: number;
  text: string;
  options: Omit<IngestOptions, 'fetchedAt'>;
}

/** What the server tells the worker: a page to read, or to finish what it holds and stop. */
export type ServerMessage = ({ type: 'page' } & IngestJob) | { type: 'stop' };

/** What the worker process tells the server: it is ready, or how a job ended. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: IngestResult }
  | { type: 'failed'; id: number; error: string };

/** Set in the worker process's environment: its newsroom plugin reads pages itself and forks no worker. */
export const INGEST_WORKER_CHILD = 'NEWSROOM_INGEST_WORKER_CHILD';

/** INGEST_WORKER: "true" or "false"; unset, on in production and off elsewhere. */
export function ingestWorkerEnabled(value: unknown, nodeEnv: string | undefined): boolean {
  if (value === undefined || value === null || value === '') return nodeEnv === 'production';
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new RangeError(`INGEST_WORKER must be true or false, got ${JSON.stringify(value)}`);
}
