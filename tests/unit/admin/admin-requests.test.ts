import {
  parseCurationRequest,
  parseIdentifier,
  parseKeepRequest,
  parseSplitRequest,
  parseTargetChanges,
  parseTargetRequest,
  parseWholeNumber,
} from '../../../src/plugins/newsroom/server/src/controllers/admin-requests';

describe('parseWholeNumber', () => {
  const limit = (value: unknown) => parseWholeNumber(value, 'limit', { min: 1, max: 200, fallback: 50 });

  it('takes the fallback when the value is absent', () => {
    expect(limit(undefined)).toEqual({ ok: true, value: 50 });
    expect(limit('')).toEqual({ ok: true, value: 50 });
  });

  it('reads whole numbers from query strings and JSON', () => {
    expect(limit('7')).toEqual({ ok: true, value: 7 });
    expect(limit(200)).toEqual({ ok: true, value: 200 });
  });

  it.each(['0', '201', '1.5', '-3', 'ten', '1e2', 2.5])('refuses %p, naming the parameter and its range', (value) => {
    expect(limit(value)).toEqual({ ok: false, reason: 'limit must be a whole number from 1 to 200' });
  });

  it('requires a value when there is no fallback', () => {
    expect(parseWholeNumber(undefined, 'id', { min: 1, max: 10 })).toEqual({ ok: false, reason: 'id must be a whole number from 1 to 10' });
  });
});

describe('parseKeepRequest', () => {
  it('reads the ledger id from the route and keep from the body', () => {
    expect(parseKeepRequest({ id: '12' }, { keep: true })).toEqual({ ok: true, value: { id: 12, keep: true } });
    expect(parseKeepRequest({ id: '3' }, { keep: false })).toEqual({ ok: true, value: { id: 3, keep: false } });
  });

  it('refuses a missing or non-numeric id', () => {
    expect(parseKeepRequest({ id: 'abc' }, { keep: true })).toMatchObject({ ok: false, reason: expect.stringMatching(/^id must be/) });
  });

  it('refuses a keep that is not a boolean, and a body that is not an object', () => {
    expect(parseKeepRequest({ id: '1' }, { keep: 'yes' })).toEqual({ ok: false, reason: 'keep must be true or false' });
    expect(parseKeepRequest({ id: '1' }, ['keep'])).toEqual({ ok: false, reason: 'send a JSON object {"keep": true|false}' });
  });
});

describe('parseTargetRequest', () => {
  it('accepts an http(s) URL, enabled unless it says otherwise', () => {
    expect(parseTargetRequest({ url: ' https://site.example/rebuild ' })).toEqual({
      ok: true,
      value: { url: 'https://site.example/rebuild', enabled: true },
    });
    expect(parseTargetRequest({ url: 'http://127.0.0.1:4000/hook', enabled: false })).toEqual({
      ok: true,
      value: { url: 'http://127.0.0.1:4000/hook', enabled: false },
    });
  });

  it.each([
    [{}, 'url is required'],
    [{ url: 'not a url' }, 'url "not a url" is not a URL'],
    [{ url: 'ftp://site.example/' }, 'url must start with http:// or https://'],
    [{ url: 'https://user:secret@site.example/' }, 'url must not contain a user name or password'],
    [{ url: 'https://site.example/', enabled: 'no' }, 'enabled must be true or false'],
    [null, 'send a JSON object {"url": "...", "enabled": true|false}'],
  ])('refuses %p: %s', (body, reason) => {
    expect(parseTargetRequest(body)).toEqual({ ok: false, reason });
  });

  it('takes no id from the body', () => {
    expect(parseTargetRequest({ id: 99, url: 'https://site.example/' })).toEqual({ ok: true, value: { url: 'https://site.example/', enabled: true } });
  });
});

describe('parseTargetChanges', () => {
  it('changes only the fields sent, the id from the route', () => {
    expect(parseTargetChanges({ enabled: true }, '7')).toEqual({ ok: true, value: { id: 7, enabled: true } });
    expect(parseTargetChanges({ url: ' https://site.example/new ', id: 99 }, '7')).toEqual({ ok: true, value: { id: 7, url: 'https://site.example/new' } });
    expect(parseTargetChanges({ url: 'https://site.example/', enabled: false }, '7')).toEqual({
      ok: true,
      value: { id: 7, url: 'https://site.example/', enabled: false },
    });
  });

  it.each([
    [{}, '7', 'send a JSON object with url, enabled or both: {"url": "...", "enabled": true|false}'],
    [null, '7', 'send a JSON object with url, enabled or both: {"url": "...", "enabled": true|false}'],
    [{ enabled: 'yes' }, '7', 'enabled must be true or false'],
    [{ url: '' }, '7', 'url is required'],
    [{ url: 'ftp://site.example/' }, '7', 'url must start with http:// or https://'],
    [{ enabled: true }, ' ', 'id is required'],
  ])('refuses %p for target %p: %s', (body, id, reason) => {
    expect(parseTargetChanges(body, id)).toEqual({ ok: false, reason });
  });
});

describe('parseIdentifier', () => {
  it('passes numeric ids as numbers and others as strings', () => {
    expect(parseIdentifier('42', 'id')).toEqual({ ok: true, value: 42 });
    expect(parseIdentifier('msg_ab12', 'id')).toEqual({ ok: true, value: 'msg_ab12' });
  });

  it('refuses an empty id', () => {
    expect(parseIdentifier(' ', 'id')).toEqual({ ok: false, reason: 'id is required' });
    expect(parseIdentifier(undefined, 'id')).toEqual({ ok: false, reason: 'id is required' });
  });
});

describe('parseCurationRequest', () => {
  const NOW = new Date('2026-12-01T12:00:00Z');
  const parse = (body: unknown) => parseCurationRequest(body, NOW, 100);

  it('reads a pin with and without an end time, a hide and a clear', () => {
    expect(parse({ article: 'abc123', action: 'pin', position: 3 })).toEqual({
      ok: true,
      value: { target: { type: 'article', documentId: 'abc123' }, action: 'pin', position: 3, until: null },
    });
    expect(parse({ teaser: 'T1', action: 'pin', position: '1', until: '2026-12-24T18:00:00Z' })).toEqual({
      ok: true,
      value: { target: { type: 'teaser', documentId: 'T1' }, action: 'pin', position: 1, until: new Date('2026-12-24T18:00:00Z') },
    });
    expect(parse({ teaser: 'T1', action: 'hide' })).toEqual({ ok: true, value: { target: { type: 'teaser', documentId: 'T1' }, action: 'hide' } });
    expect(parse({ article: 'abc', action: 'clear' })).toEqual({ ok: true, value: { target: { type: 'article', documentId: 'abc' }, action: 'clear' } });
  });

  it.each([
    [null, /send a JSON object/],
    [[], /send a JSON object/],
    [{ action: 'hide' }, /exactly one of article or teaser/],
    [{ article: 'a', teaser: 'b', action: 'hide' }, /exactly one of article or teaser/],
    [{ article: 42, action: 'hide' }, /article must be a documentId/],
    [{ teaser: 'x'.repeat(65), action: 'hide' }, /teaser must be a documentId/],
    [{ article: 'a', action: 'PIN' }, /action must be one of pin, hide, clear/],
    [{ article: 'a', action: 'pin', position: 0 }, /position must be a whole number from 1 to 100/],
    [{ article: 'a', action: 'pin', position: 2.5 }, /position must be a whole number from 1 to 100/],
    [{ article: 'a', action: 'pin', position: 1, until: 1767225600000 }, /until must be an ISO 8601 time/],
    [{ article: 'a', action: 'pin', position: 1, until: '2026-13-45T00:00:00Z' }, /until must be an ISO 8601 time/],
    [{ article: 'a', action: 'pin', position: 1, until: '2026-12-01T12:00:00Z' }, /until must be in the future/],
    [{ article: 'a', action: 'clear', until: '2027-01-01T00:00:00Z' }, /until is only for action "pin"/],
  ])('refuses %j, naming the field', (body, reason) => {
    const parsed = parse(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('parseSplitRequest', () => {
  it('reads the merge id from the route and publish from the body', () => {
    expect(parseSplitRequest({ id: '12' }, { publish: true })).toEqual({ ok: true, value: { id: 12, publish: true } });
    expect(parseSplitRequest({ id: '12' }, { publish: false })).toEqual({ ok: true, value: { id: 12, publish: false } });
  });

  it.each([
    [{ id: 'x' }, { publish: true }, 'id must be a whole number from 1 to 9007199254740991'],
    [{ id: '3' }, null, 'send a JSON object {"publish": true|false}'],
    [{ id: '3' }, { publish: 'yes' }, 'publish must be true or false'],
    [{ id: '3' }, {}, 'publish must be true or false'],
  ])('refuses %j %j', (params, body, reason) => {
    expect(parseSplitRequest(params, body)).toEqual({ ok: false, reason });
  });
});
