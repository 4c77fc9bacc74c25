import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { gunzipSync } from 'zlib';
import { MIGRATIONS } from '../../src/plugins/newsroom/server/src/persistence/migrations';
import { MIGRATIONS_TABLE } from '../../src/plugins/newsroom/server/src/persistence/tables';
import { adminToken, createFullAccessToken } from '../helpers/content';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/database';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { Receiver } from '../helpers/webhook-receiver';
import { SAMPLES_DIR } from '../unit/page/labelled-pages';
import { ARTICLES_QUERY, articleRecord, railRecords, readUpgradeManifest, UPGRADE_FIXTURE_DIR } from '../upgrade/fixture';

/**
 * A database an earlier version wrote (tests/upgrade/README.md) opened by this one: its articles,
 * rail, editors' decisions, boilerplate marks and delivery history read as that version read them,
 * and the dedupe keys it claimed still decide what a page read again is.
 */
const client = usingPostgres() ? 'postgres' : 'sqlite';
const manifest = readUpgradeManifest(client);
const fixture = (name: string) => gunzipSync(fs.readFileSync(path.join(UPGRADE_FIXTURE_DIR, name)));

/** The dump without psql's \restrict guard lines, which older clients do not know. */
const postgresDump = () =>
  fixture('postgres.sql.gz')
    .toString('utf8')
    .split('\n')
    .filter((line) => !/^\\(un)?restrict\b/.test(line))
    .join('\n');

async function restoredDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  try {
    if (database.client === 'postgres') {
      execFileSync('psql', ['--quiet', '--set', 'ON_ERROR_STOP=1', '--dbname', database.env.DATABASE_URL], { input: postgresDump(), stdio: ['pipe', 'ignore', 'pipe'] });
    } else {
      fs.writeFileSync(database.env.DATABASE_FILENAME, fixture('sqlite.db.gz'));
    }
    return database;
  } catch (error) {
    await database.drop();
    throw error;
  }
}

// The reads come first: the last two tests write to the database.
describe(`a database written by an earlier version (${client})`, () => {
  let app: TestApp;
  let database: TestDatabase;
  let receiver: Receiver;
  let admin: string;

  beforeAll(async () => {
    database = await restoredDatabase();
    receiver = await Receiver.start();
    app = await startTestStrapi({
      database,
      env: {
        REBUILD_WEBHOOK_URLS: receiver.url('/after-upgrade'),
        REBUILD_WEBHOOK_SECRET: `whsec_${Buffer.from('upgrade-test-key-0123456789abcdef').toString('base64')}`,
        REBUILD_WEBHOOK_QUIET_MS: '300',
        REBUILD_WEBHOOK_POLL_MS: '50',
      },
    });
    admin = await adminToken(app);
  });

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
    await database?.drop();
  });

  const asAdmin = (url: string) => app.http().get(url).set('Authorization', `Bearer ${admin}`);

  it('boots on it with every migration recorded once', async () => {
    const rows = (await app.strapi.db.connection(MIGRATIONS_TABLE).select('name').orderBy('name')) as Array<{ name: string }>;
    expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name).sort());
  });

  it('serves the same published articles, and keeps the draft a draft', async () => {
    const res = await app.http().get(ARTICLES_QUERY).expect(200);
    const articles = (res.body.data as Array<Record<string, unknown>>).map(articleRecord);
    expect(articles).toEqual(manifest.articles);
    await app.http().get(`/api/articles/${manifest.draft.documentId}`).expect(404);
    const draft = await app.strapi.documents('api::article.article').findOne({ documentId: manifest.draft.documentId });
    expect(draft).toMatchObject({ title: manifest.draft.title, publishedAt: null });
  });

  it("serves the same rail, with the editors' pin and hide in force", async () => {
    const res = await app.http().get('/api/latest-rail?limit=20').expect(200);
    const cards = railRecords(res.body);
    expect(cards).toEqual(manifest.rail);
    expect(cards[0].article).toBe(manifest.pinned);
    expect(cards.map((card) => card.article)).not.toContain(manifest.hidden);
  });

  it('keeps the line an editor marked "not boilerplate", and the deliveries already made', async () => {
    const ledger = await asAdmin('/newsroom/boilerplate').expect(200);
    expect(ledger.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ line: manifest.keptLine, keep: true })]));
    const deliveries = await asAdmin('/newsroom/webhooks/deliveries').expect(200);
    const delivered = (deliveries.body.data as Array<{ status: string; sequence: number | null; targetUrl: string }>).filter(
      (delivery) => delivery.status === 'delivered' && delivery.targetUrl !== receiver.url('/after-upgrade')
    );
    expect(delivered).toHaveLength(manifest.deliveries);
    expect(delivered.map((delivery) => delivery.sequence).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: manifest.lastSequence }, (_, i) => i + 1)
    );
  });

  it('reads a stored page again into its article, and merges a new copy of a stored story', async () => {
    const token = await createFullAccessToken(app.strapi, 'upgrade');
    const ingest = (text: string) => app.http().post('/api/newsroom/ingest').set('Authorization', `Bearer ${token}`).send({ text, publish: true });
    const page = fs.readFileSync(path.join(SAMPLES_DIR, 'halvorsen-antwerp-rail-a.txt'), 'utf8');
    const story = manifest.articles.find((article) => article.slug === 'halvorsen-gem-labs-opens-grading-center-in-antwerp')!;

    const merges = async () => (await asAdmin('/newsroom/merges').expect(200)).body.data.length as number;
    const mergesBefore = await merges();
    const again = await ingest(page).expect(200);
    expect(again.body.data).toMatchObject({ status: 'merged', article: { documentId: story.documentId } });
    // Known by its page key: answered from the stored article, with no merge to log.
    expect(await merges()).toBe(mergesBefore);
    const copy = await ingest(`${page.trimEnd()}\nSponsored by Upgrade Test Mints\nA card no earlier page carried.\n`).expect(200);
    expect(copy.body.data).toMatchObject({ status: 'merged', article: { documentId: story.documentId } });
    expect(await merges()).toBe(mergesBefore + 1);
    expect(await app.strapi.documents('api::article.article').count({ status: 'published' })).toBe(manifest.articles.length);
  });

  it('sends rebuild webhooks to the target configured now, and stops sending to the one that left the configuration', async () => {
    const token = await createFullAccessToken(app.strapi, 'upgrade writer');
    const created = await app
      .http()
      .post('/api/articles?status=published')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Refiners report a quiet quarter', body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Refiners reported a quiet quarter after the upgrade.' }] }] } })
      .expect(201);
    await receiver.waitFor((requests) => requests.some((request) => request.payload.changes.some((change) => change.documentId === created.body.data.documentId)));
    const targets = await asAdmin('/newsroom/webhooks/targets').expect(200);
    const byUrl = new Map((targets.body.data as Array<{ url: string; enabled: boolean; disabledReason: string | null }>).map((target) => [target.url, target]));
    expect(byUrl.get(receiver.url('/after-upgrade'))).toMatchObject({ enabled: true });
    expect([...byUrl.values()].filter((target) => !target.enabled).map((target) => target.disabledReason)).toEqual(['removed from REBUILD_WEBHOOK_URLS']);
  });
});
