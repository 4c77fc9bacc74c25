import { countLines, decodePage, MAX_PAGE_BYTES, PageError } from '../page';
import type { PageSource } from '../services/ingest';

/** A validated ingest request, or the reason it was refused and the HTTP status that says so. */
export type IngestRequest =
  | { ok: true; text: string; source: PageSource; publish: boolean; batch: string | null }
  | { ok: false; status: 400 | 413; reason: string };

export interface RawRequest {
  type: string;
  /** The `charset` parameter of the Content-Type, if any. */
  charset?: string;
  /** Parsed JSON, or the raw bytes of a text/plain body. */
  body: unknown;
  query: Record<string, unknown>;
  /** Most lines a page may have (PAGE_LINE_LIMIT). */
  maxLines: number;
}

const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

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

const BATCH_NAME = /^[A-Za-z0-9._:-]{1,64}$/;

/** A client's name for the import a page belongs to: pages sent with one name count as one import. */
function parseBatch(value: unknown): string | null | { reason: string } {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && BATCH_NAME.test(value)) return value;
  return { reason: "batch must be 1 to 64 letters, digits, '.', '_', ':' or '-'" };
}

function looksLikeJsonDocument(text: string): boolean {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return false;
  try {
    return typeof JSON.parse(trimmed) === 'object';
  } catch {
    return false;
  }
}

type Refusal = { ok: false; status: 400 | 413; reason: string };

/** A text/plain body's bytes as text: UTF-8 only, strictly (a BOM is dropped), or the refusal. */
function decodeTextBody(body: unknown, charset: string | undefined): string | Refusal {
  if (charset && !UTF8_CHARSETS.has(charset.toLowerCase())) {
    return { ok: false, status: 400, reason: `charset=${charset} is not accepted: send the page as UTF-8 (charset=utf-8)` };
  }
  if (!(body instanceof Uint8Array)) return { ok: false, status: 400, reason: 'text is required: send the page as the request body' };
  if (body.byteLength > MAX_PAGE_BYTES) return { ok: false, status: 413, reason: `the page is larger than ${MAX_PAGE_BYTES} bytes` };
  try {
    return decodePage(body);
  } catch (error) {
    if (error instanceof PageError) return { ok: false, status: 400, reason: error.message };
    throw error;
  }
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
  if (isJson && (!request.body || typeof request.body !== 'object' || Array.isArray(request.body))) {
    return { ok: false, status: 400, reason: 'the JSON body must be an object {"text": ...}' };
  }
  const fields: Record<string, unknown> = isJson
    ? (request.body as Record<string, unknown>)
    : { source: request.query.source, publish: request.query.publish, batch: request.query.batch };

  let text: string;
  if (isText) {
    const decoded = decodeTextBody(request.body, request.charset);
    if (typeof decoded !== 'string') return decoded;
    if (looksLikeJsonDocument(decoded)) {
      return { ok: false, status: 400, reason: 'the text/plain body is a JSON document: send JSON as application/json {"text": ...}' };
    }
    text = decoded;
  } else {
    if (typeof fields.text !== 'string') return { ok: false, status: 400, reason: 'text is required and must be a string' };
    text = fields.text;
    if (Buffer.byteLength(text, 'utf8') > MAX_PAGE_BYTES) {
      return { ok: false, status: 413, reason: `the page is larger than ${MAX_PAGE_BYTES} bytes` };
    }
    // JSON is parsed as UTF-8, and bytes that are not become U+FFFD on the way: the page was mis-encoded.
    if (text.includes('\uFFFD')) {
      return { ok: false, status: 400, reason: 'text contains U+FFFD replacement characters: the page was not valid UTF-8 before it was put in JSON' };
    }
  }
  const lines = countLines(text);
  if (lines > request.maxLines) {
    return { ok: false, status: 413, reason: `the page has ${lines} lines, more than the limit of ${request.maxLines} (PAGE_LINE_LIMIT)` };
  }
  const publish = parseBoolean(fields.publish, 'publish');
  if (typeof publish === 'string') return { ok: false, status: 400, reason: publish };
  const source = parseSource(fields.source);
  if (typeof source === 'string') return { ok: false, status: 400, reason: source };
  const batch = parseBatch(fields.batch);
  if (batch !== null && typeof batch === 'object') return { ok: false, status: 400, reason: batch.reason };
  return { ok: true, text, source, publish, batch };
}
