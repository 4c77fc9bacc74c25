import { checkPreviewLink, previewSigningKey, signPreviewLink } from '../../../src/plugins/newsroom/server/src/preview/preview-link';

describe('signed preview links', () => {
  const key = previewSigningKey('a secret of the newsroom');
  const now = new Date('2026-12-02T10:00:00Z');
  const inAnHour = new Date('2026-12-02T11:00:00Z');
  const asQuery = (link: { status: string; expires: number; signature: string }) => ({ ...link, expires: String(link.expires) });

  it('accepts its own link until it expires, for the version it names', () => {
    const link = signPreviewLink(key, 'abc123', 'draft', inAnHour);
    expect(checkPreviewLink(key, 'abc123', asQuery(link), now, 3600)).toEqual({ ok: true, status: 'draft' });
    expect(checkPreviewLink(key, 'abc123', asQuery(link), new Date('2026-12-02T10:59:59Z'), 3600)).toEqual({ ok: true, status: 'draft' });
  });

  it('refuses it from the second it expires', () => {
    const link = signPreviewLink(key, 'abc123', 'draft', inAnHour);
    expect(checkPreviewLink(key, 'abc123', asQuery(link), inAnHour, 3600)).toMatchObject({ ok: false, httpStatus: 403, reason: expect.stringMatching(/expired/) });
  });

  it('refuses the link for another document, another version, a later expiry or another key', () => {
    const link = asQuery(signPreviewLink(key, 'abc123', 'draft', inAnHour));
    const invalid = { ok: false, httpStatus: 403, reason: expect.stringMatching(/not valid/) };
    expect(checkPreviewLink(key, 'abc124', link, now, 3600)).toMatchObject(invalid);
    expect(checkPreviewLink(key, 'abc123', { ...link, status: 'published' }, now, 3600)).toMatchObject(invalid);
    expect(checkPreviewLink(key, 'abc123', { ...link, expires: String(Number(link.expires) + 3600) }, now, 3600)).toMatchObject(invalid);
    expect(checkPreviewLink(previewSigningKey('another secret'), 'abc123', link, now, 3600)).toMatchObject(invalid);
  });

  it('refuses a link that would live longer than a link signed now', () => {
    const forever = asQuery(signPreviewLink(key, 'abc123', 'draft', new Date('2099-01-01T00:00:00Z')));
    expect(checkPreviewLink(key, 'abc123', forever, now, 3600)).toMatchObject({ ok: false, httpStatus: 403, reason: expect.stringMatching(/longer/) });
    expect(checkPreviewLink(key, 'abc123', forever, now, 3600 * 24 * 365 * 100)).toEqual({ ok: true, status: 'draft' });
  });

  it('answers 400 for a link missing a part or carrying a malformed one', () => {
    const link = asQuery(signPreviewLink(key, 'abc123', 'published', inAnHour));
    expect(checkPreviewLink(key, 'abc123', { ...link, status: 'everything' }, now, 3600)).toMatchObject({ ok: false, httpStatus: 400, reason: 'status must be draft or published' });
    expect(checkPreviewLink(key, 'abc123', { ...link, expires: 'tomorrow' }, now, 3600)).toMatchObject({ ok: false, httpStatus: 400 });
    expect(checkPreviewLink(key, 'abc123', { ...link, signature: ['a', 'b'] }, now, 3600)).toMatchObject({ ok: false, httpStatus: 400 });
    expect(checkPreviewLink(key, 'abc123', { status: 'draft' }, now, 3600)).toMatchObject({ ok: false, httpStatus: 400 });
  });
});
