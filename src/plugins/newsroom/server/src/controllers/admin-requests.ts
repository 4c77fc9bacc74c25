/**
 * Validation of the Newsroom admin routes' input. Pure (no Strapi), so each refusal is unit-tested;
 * the controllers answer a refusal with ctx.badRequest(reason).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refuse = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** A whole number in [min, max] from a query string or JSON value; `fallback` when absent. */
export function parseWholeNumber(value: unknown, name: string, { min, max, fallback }: { min: number; max: number; fallback?: number }): Parsed<number> {
  if ((value === undefined || value === null || value === '') && fallback !== undefined) return ok(fallback);
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    return refuse(`${name} must be a whole number from ${min} to ${max}`);
  }
  return ok(number);
}

export function parseBooleanField(value: unknown, name: string): Parsed<boolean> {
  if (typeof value === 'boolean') return ok(value);
  return refuse(`${name} must be true or false`);
}

function bodyObject(body: unknown): Record<string, unknown> | null {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

/** PUT /newsroom/boilerplate/:id with `{ "keep": boolean }`. */
export function parseKeepRequest(params: Record<string, unknown>, body: unknown): Parsed<{ id: number; keep: boolean }> {
  const id = parseWholeNumber(params.id, 'id', { min: 1, max: Number.MAX_SAFE_INTEGER });
  if (!id.ok) return refuse(id.reason);
  const fields = bodyObject(body);
  if (!fields) return refuse('send a JSON object {"keep": true|false}');
  const keep = parseBooleanField(fields.keep, 'keep');
  if (!keep.ok) return refuse(keep.reason);
  return ok({ id: id.value, keep: keep.value });
}

export interface TargetInput {
  url: string;
  enabled: boolean;
}

/** An edit of a target: only the fields sent change. */
export interface TargetChanges {
  id: string | number;
  url?: string;
  enabled?: boolean;
}

/** An http(s) URL without credentials, trimmed. */
function parseTargetUrl(value: unknown): Parsed<string> {
  const url = typeof value === 'string' ? value.trim() : '';
  if (!url) return refuse('url is required');
  if (url.length > 2000) return refuse('url must be at most 2000 characters');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(`url "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return refuse('url must start with http:// or https://');
  // Credentials in a URL end up in logs and delivery records; the signing secret carries them instead.
  if (parsed.username !== '' || parsed.password !== '') return refuse('url must not contain a user name or password');
  return ok(url);
}

/** A new webhook target from the Newsroom page: an http(s) URL, enabled unless it says otherwise. */
export function parseTargetRequest(body: unknown): Parsed<TargetInput> {
  const fields = bodyObject(body);
  if (!fields) return refuse('send a JSON object {"url": "...", "enabled": true|false}');
  const url = parseTargetUrl(fields.url);
  if (!url.ok) return refuse(url.reason);
  const enabled = fields.enabled === undefined ? ok(true) : parseBooleanField(fields.enabled, 'enabled');
  if (!enabled.ok) return refuse(enabled.reason);
  return ok({ url: url.value, enabled: enabled.value });
}

/**
 * PUT or PATCH /newsroom/webhooks/targets/:id: the fields sent (`url`, `enabled`, or both) change,
 * the others stay. The id comes from the route, never from the body, so a save cannot rewrite
 * another target.
 */
export function parseTargetChanges(body: unknown, routeId: unknown): Parsed<TargetChanges> {
  const id = parseIdentifier(routeId, 'id');
  if (!id.ok) return refuse(id.reason);
  const fields = bodyObject(body);
  if (!fields || (fields.url === undefined && fields.enabled === undefined)) {
    return refuse('send a JSON object with url, enabled or both: {"url": "...", "enabled": true|false}');
  }
  const changes: TargetChanges = { id: id.value };
  if (fields.url !== undefined) {
    const url = parseTargetUrl(fields.url);
    if (!url.ok) return refuse(url.reason);
    changes.url = url.value;
  }
  if (fields.enabled !== undefined) {
    const enabled = parseBooleanField(fields.enabled, 'enabled');
    if (!enabled.ok) return refuse(enabled.reason);
    changes.enabled = enabled.value;
  }
  return ok(changes);
}

/** A route id: the rebuild tables may use numbers or strings, so both are passed on as given. */
export function parseIdentifier(value: unknown, name: string): Parsed<string | number> {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) return refuse(`${name} is required`);
  const trimmed = value.trim();
  return ok(/^\d+$/.test(trimmed) ? Number(trimmed) : trimmed);
}

export type CurationRequest = { target: { type: 'article' | 'teaser'; documentId: string } } & (
  | { action: 'pin'; position: number; until: Date | null }
  | { action: 'hide' }
  | { action: 'clear' }
);

/**
 * POST /newsroom/rail/curation: `{ "article" | "teaser": documentId, "action": "pin" | "hide" |
 * "clear" }`, a pin with `"position"` (1..maxPosition) and an optional `"until"` in the future.
 */
export function parseCurationRequest(body: unknown, now: Date, maxPosition: number): Parsed<CurationRequest> {
  const fields = bodyObject(body);
  if (!fields) return refuse('send a JSON object {"article" or "teaser": documentId, "action": "pin"|"hide"|"clear"}');
  const given = (['article', 'teaser'] as const).filter((type) => fields[type] !== undefined);
  if (given.length !== 1) return refuse('send exactly one of article or teaser: the documentId of the card’s article or teaser');
  const type = given[0];
  const documentId = fields[type];
  if (typeof documentId !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(documentId)) {
    return refuse(`${type} must be a documentId (letters and digits, at most 64)`);
  }
  const target = { type, documentId };
  const action = fields.action;
  if (action === 'hide' || action === 'clear') {
    for (const name of ['position', 'until']) {
      if (fields[name] !== undefined) return refuse(`${name} is only for action "pin"`);
    }
    return ok({ target, action });
  }
  if (action !== 'pin') return refuse('action must be one of pin, hide, clear');
  const position = parseWholeNumber(fields.position, 'position', { min: 1, max: maxPosition });
  if (!position.ok) return refuse(position.reason);
  if (fields.until === undefined || fields.until === null) return ok({ target, action, position: position.value, until: null });
  const until = typeof fields.until === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(fields.until) ? new Date(fields.until) : null;
  if (until === null || Number.isNaN(until.getTime())) return refuse('until must be an ISO 8601 time, such as 2026-12-24T18:00:00Z');
  if (until.getTime() <= now.getTime()) return refuse('until must be in the future');
  return ok({ target, action, position: position.value, until });
}

/** POST /newsroom/merges/:id/split with `{ "publish": boolean }`. */
export function parseSplitRequest(params: Record<string, unknown>, body: unknown): Parsed<{ id: number; publish: boolean }> {
  const id = parseWholeNumber(params.id, 'id', { min: 1, max: Number.MAX_SAFE_INTEGER });
  if (!id.ok) return refuse(id.reason);
  const fields = bodyObject(body);
  if (!fields) return refuse('send a JSON object {"publish": true|false}');
  const publish = parseBooleanField(fields.publish, 'publish');
  if (!publish.ok) return refuse(publish.reason);
  return ok({ id: id.value, publish: publish.value });
}
