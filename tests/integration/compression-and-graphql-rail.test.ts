import http from 'http';
import zlib from 'zlib';
import { createArticle } from '../helpers/content';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

/**
 * Responses are compressed when the client asks, the rail keeps its ETag and 304 (one ETag per
 * encoding), and GraphQL's latestRail is answered again from its first answer until the rail
 * changes, equal to REST.
 */

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

/** A GET with exactly these headers, read as bytes on the wire (supertest would ask for gzip and decode). */
function rawGet(app: TestApp, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${app.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
  });
}

const RAIL_QUERY = 'query Rail($limit: Int) { latestRail(limit: $limit) { version assembledAt cards { position text kind sponsor article { documentId slug title } } } }';

describe('compression, and GraphQL latestRail answered from its cache', () => {
  let app: TestApp;
  let views = 0;

  beforeAll(async () => {
    app = await startTestStrapi({ env: { RAIL_ASSEMBLE_DELAY_MS: '30' } });
    for (let i = 0; i < 30; i += 1) {
      await createArticle(app.strapi, {
        title: `Compressed Story Number ${i} About Bench Jewelers`,
        dek: `The dek of story ${i}, long enough to be a real card on the rail.`,
        body: [`The first paragraph of story ${i} says what happened at the bench this week.`],
        publish: true,
      });
    }
    const rail = app.strapi.plugin('newsroom').service('rail');
    await rail.assembleNow();
    // Counts the resolver's reads of the rail, to see which GraphQL requests reached it.
    const view = rail.view.bind(rail);
    rail.view = async (...args: Parameters<typeof view>) => {
      views += 1;
      return view(...args);
    };
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('compresses a JSON list for a client that asks, and leaves it alone for one that does not', async () => {
    const path = '/api/articles?pagination[pageSize]=30';
    const plain = await rawGet(app, path);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gzip = await rawGet(app, path, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gzip.bytes.length).toBeLessThan(plain.bytes.length / 2);
    expect(JSON.parse(zlib.gunzipSync(gzip.bytes).toString('utf8')).data).toHaveLength(30);
    const br = await rawGet(app, path, { 'Accept-Encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
  });

  it('sends the rail compressed with an ETag of its own per encoding, and 304 for each', async () => {
    const plain = await rawGet(app, '/api/latest-rail');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toMatch(/^"rail-\d+-[\w-]+"$/);
    const br = await rawGet(app, '/api/latest-rail', { 'Accept-Encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(`${(plain.headers.etag as string).slice(0, -1)}-br"`);
    expect(zlib.brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    const gzip = await rawGet(app, '/api/latest-rail', { 'Accept-Encoding': 'gzip' });
    expect(zlib.gunzipSync(gzip.bytes).equals(plain.bytes)).toBe(true);

    expect((await rawGet(app, '/api/latest-rail', { 'If-None-Match': plain.headers.etag as string })).status).toBe(304);
    expect((await rawGet(app, '/api/latest-rail', { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag as string })).status).toBe(304);
    // The identity ETag does not stand for the compressed bytes.
    expect((await rawGet(app, '/api/latest-rail', { 'Accept-Encoding': 'br', 'If-None-Match': plain.headers.etag as string })).status).toBe(200);
  });

  it('answers a repeated latestRail query without running it again, equal to REST, until the rail changes', async () => {
    const ask = async (variables: Record<string, unknown>) =>
      (await app.http().post('/graphql').send({ query: RAIL_QUERY, variables }).expect(200)).body as { data?: { latestRail: { version: number } }; errors?: unknown };
    const before = views;
    const first = await ask({ limit: 5 });
    const second = await ask({ limit: 5 });
    expect(second).toEqual(first);
    expect(views - before).toBe(1);
    const rest = (await app.http().get('/api/latest-rail?limit=5').expect(200)).body.data;
    expect(first.data?.latestRail).toEqual(rest);

    // Other variables are another answer.
    await ask({ limit: 6 });
    expect(views - before).toBe(2);

    // A newer rail is answered afresh.
    await createArticle(app.strapi, { title: 'A Story Published After the First Answer', dek: 'The newest card of all.', publish: true });
    await app.strapi.plugin('newsroom').service('rail').assembleNow();
    const third = await ask({ limit: 5 });
    expect(third.data?.latestRail.version).toBeGreaterThan(first.data?.latestRail.version as number);
    expect(views - before).toBe(3);
  });

  it('answers an error as GraphQL does each time, and runs any query with another root field', async () => {
    const before = views;
    for (let i = 0; i < 2; i += 1) {
      const res = await app.http().post('/graphql').send({ query: RAIL_QUERY, variables: { limit: 0 } });
      expect(res.body.errors[0].message).toMatch(/limit/);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    const malformed = await app.http().post('/graphql').set('Content-Type', 'application/json').send('{"query": "{ latestRail {');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].message).toMatch(/^the request body is not JSON GraphQL can read: Unterminated string/);
    const mixed = '{ latestRail(limit: 2) { version } articles(pagination: { limit: 1 }) { title } }';
    for (let i = 0; i < 2; i += 1) {
      const res = await app.http().post('/graphql').send({ query: mixed }).expect(200);
      expect(res.body.data.articles).toHaveLength(1);
    }
    expect(views - before).toBe(2);
  });
});
