import {
  parseIdentifier,
  parseKeepRequest,
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
    expect(parseTargetRequest({ url: 'http://127.0.0.1:4000/hook', enabled: false }, '7')).toEqual({
      ok: true,
      value: { id: 7, url: 'http://127.0.0.1:4000/hook', enabled: false },
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

  it('takes the id only from the route, never from the body', () => {
    expect(parseTargetRequest({ id: 99, url: 'https://site.example/' })).toEqual({ ok: true, value: { url: 'https://site.example/', enabled: true } });
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
