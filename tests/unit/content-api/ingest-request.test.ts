import { parseIngestRequest } from '../../../src/plugins/newsroom/server/src/controllers/ingest-request';

const PAGE = 'Café Owners Meet In Lyon\n\nA dek.\n\nThe body of the story.\n';
const text = (body: string | Buffer, charset?: string) =>
  parseIngestRequest({ type: 'text/plain', charset, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body, query: {}, maxLines: 2000 });

describe('parseIngestRequest', () => {
  it('decodes a UTF-8 text/plain body, with or without a BOM', () => {
    expect(text(PAGE)).toMatchObject({ ok: true, text: PAGE });
    expect(text(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PAGE)]), 'UTF-8')).toMatchObject({ ok: true, text: PAGE });
  });

  it('refuses bytes that are not UTF-8, and any other declared charset', () => {
    expect(text(Buffer.from(PAGE, 'latin1'))).toEqual({ ok: false, status: 400, reason: 'not a page: the bytes are not valid UTF-8 text' });
    expect(text(PAGE, 'iso-8859-1')).toEqual({
      ok: false,
      status: 400,
      reason: 'charset=iso-8859-1 is not accepted: send the page as UTF-8 (charset=utf-8)',
    });
  });

  it('refuses a JSON document sent as text/plain', () => {
    expect(text('{"text": "A Title\\n\\nBody."}')).toMatchObject({ ok: false, status: 400, reason: expect.stringContaining('JSON document') });
    // A page may begin with a bracket and still be a page.
    expect(text('[Sponsored] A Title\n\nBody line.\n')).toMatchObject({ ok: true });
  });

  it('answers 413 naming the line limit', () => {
    const many = `Title\n${'x\n'.repeat(2000)}`;
    expect(text(many)).toEqual({ ok: false, status: 413, reason: 'the page has 2001 lines, more than the limit of 2000 (PAGE_LINE_LIMIT)' });
    const json = parseIngestRequest({ type: 'application/json', body: { text: many }, query: {}, maxLines: 2000 });
    expect(json).toMatchObject({ ok: false, status: 413 });
  });

  it('refuses JSON text that was mis-decoded before it was sent', () => {
    const result = parseIngestRequest({ type: 'application/json', body: { text: 'Caf\uFFFD Owners\n\nBody.' }, query: {}, maxLines: 2000 });
    expect(result).toMatchObject({ ok: false, status: 400, reason: expect.stringContaining('U+FFFD') });
  });

  it('reads source and publish from the query string of a text/plain body', () => {
    const result = parseIngestRequest({ type: 'text/plain', body: Buffer.from(PAGE), query: { source: 'https://example.com/a', publish: 'true' }, maxLines: 2000 });
    expect(result).toEqual({ ok: true, text: PAGE, source: { url: 'https://example.com/a' }, publish: true, batch: null });
  });

  it('reads the import batch a page belongs to, and refuses a name that is not short and plain', () => {
    const text = (query: Record<string, unknown>) => parseIngestRequest({ type: 'text/plain', body: Buffer.from(PAGE), query, maxLines: 2000 });
    expect(text({ batch: 'nightly-2026-12-02' })).toMatchObject({ ok: true, batch: 'nightly-2026-12-02' });
    expect(parseIngestRequest({ type: 'application/json', body: { text: PAGE, batch: 'upload:7' }, query: {}, maxLines: 2000 })).toMatchObject({ ok: true, batch: 'upload:7' });
    const refused = { ok: false, status: 400, reason: "batch must be 1 to 64 letters, digits, '.', '_', ':' or '-'" };
    expect(text({ batch: 'a/b' })).toEqual(refused);
    expect(text({ batch: 'x'.repeat(65) })).toEqual(refused);
    expect(text({ batch: ['a', 'b'] })).toEqual(refused);
  });
});
