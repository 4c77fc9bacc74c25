import { MAX_PAGE_BYTES } from '../page';
import type { PageSource } from '../services/ingest';

/** A validated ingest request, or the reason it was refused and the HTTP status that says so. */
export type IngestRequest =
  | { ok: true; text: string; source: PageSource; publish: boolean }
  | { ok: false; status: 400 | 413; reason: string };

interface RawRequest {
  type: string;
  body: unknown;
  query: Record<string, unknown>;
}

function parseBoolean(value: unknown, name: string): boolean | string {
  if (value === undefined || value === null || value === '') return false;
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  return `${name} must be true or false`;
}

function parseSource(value: unknown): PageSource | string {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'string' || value.length > 2000) return 'source must be a URL or a file name of at most 2000 characters';
  return /^https?:\/\//i.test(value) ? { url: value } : { file: value };
}

/**
 * Accepts a page as `text/plain` (source and publish in the query string) or as JSON
 * `{ "text", "source"?, "publish"? }`. Pure, so every refusal is unit-tested without a server.
 */
export function parseIngestRequest(request: RawRequest): IngestRequest {
  const isJson = /json/i.test(request.type);
  const isText = /^text\/plain/i.test(request.type);
  if (!isJson && !isText) {
    return { ok: false, status: 400, reason: `send the page as text/plain or as JSON {"text": ...}, not "${request.type || 'no content type'}"` };
  }
  const fields: Record<string, unknown> = isJson
    ? request.body && typeof request.body === 'object' && !Array.isArray(request.body)
      ? (request.body as Record<string, unknown>)
      : {}
    : { text: request.body, source: request.query.source, publish: request.query.publish };
  if (isJson && (!request.body || typeof request.body !== 'object' || Array.isArray(request.body))) {
    return { ok: false, status: 400, reason: 'the JSON body must be an object {"text": ...}' };
  }
  const text = fields.text;
  if (typeof text !== 'string') return { ok: false, status: 400, reason: 'text is required and must be a string' };
  if (Buffer.byteLength(text, 'utf8') > MAX_PAGE_BYTES) {
    return { ok: false, status: 413, reason: `the page is larger than ${MAX_PAGE_BYTES} bytes` };
  }
  const publish = parseBoolean(fields.publish, 'publish');
  if (typeof publish === 'string') return { ok: false, status: 400, reason: publish };
  const source = parseSource(fields.source);
  if (typeof source === 'string') return { ok: false, status: 400, reason: source };
  return { ok: true, text, source, publish };
}
