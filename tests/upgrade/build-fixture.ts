import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { gzipSync } from 'zlib';
import { createArticle } from '../helpers/content';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/database';
import { startTestStrapi } from '../helpers/strapi';
import { Receiver } from '../helpers/webhook-receiver';
import { ARTICLES_QUERY, articleRecord, railRecords, readUpgradeManifest, UPGRADE_FIXTURE_DIR, type UpgradeManifest } from './fixture';

/**
 * Writes a database the way this version of the app leaves it after real use (the sample pages read
 * on the first boot, an editor's pin and hide, a "not boilerplate" mark, a draft, delivered rebuild
 * webhooks), and what this version reads from it, for upgrade.test.ts to check later versions against.
 */
const ENV = {
  SEED_SAMPLE_CONTENT: 'true',
  REBUILD_WEBHOOK_SECRET: `whsec_${Buffer.from('upgrade-fixture-key-0123456789ab').toString('base64')}`,
  REBUILD_WEBHOOK_QUIET_MS: '300',
  REBUILD_WEBHOOK_POLL_MS: '50',
};

/** The database as bytes: the SQLite file, or a plain-SQL dump of the PostgreSQL database. */
function dumpOf(database: TestDatabase): Buffer {
  if (database.client === 'postgres') {
    return execFileSync('pg_dump', ['--no-owner', '--no-privileges', database.env.DATABASE_URL], { maxBuffer: 256 * 1024 * 1024 });
  }
  return fs.readFileSync(database.env.DATABASE_FILENAME);
}

it('writes the upgrade fixture', async () => {
  const receiver = await Receiver.start();
  const database = await createTestDatabase();
  const app = await startTestStrapi({ database, env: { ...ENV, REBUILD_WEBHOOK_URLS: receiver.url() } });
  let running = true;
  try {
    const { strapi } = app;
    const rail = () => app.http().get('/api/latest-rail?limit=20');
    const before = (await rail()).body.data.cards as Array<{ text: string; article: { documentId: string } | null }>;
    const [pinned, hidden] = before.filter((card) => card.article !== null).slice(-2);
    const curation = strapi.plugin('newsroom').service('railCuration');
    const editor = { id: null, name: 'Upgrade Fixture' };
    await curation.decide({ target: { type: 'article', documentId: pinned.article!.documentId }, action: 'pin', position: 1, until: null }, editor);
    await curation.decide({ target: { type: 'article', documentId: hidden.article!.documentId }, action: 'hide' }, editor);
    const sharedLine = 'Write to the desk with tips on any story in this issue.';
    await createArticle(strapi, { title: 'Assay office opens a second counter', body: ['The assay office opened a second counter on Monday.', sharedLine], publish: true });
    const draft = await createArticle(strapi, { title: 'A draft the upgrade must keep unpublished', body: ['The draft paragraph, never published.', sharedLine] });
    const ledger = await strapi.plugin('newsroom').service('boilerplate').list({ pageSize: 200 });
    const kept = ledger.entries.find((entry: { line: string }) => entry.line === sharedLine);
    await strapi.plugin('newsroom').service('boilerplate').setKeep(kept.id, true);
    // Settled: every change batched and delivered, so the database and the manifest agree.
    const rebuild = strapi.plugin('newsroom').service('rebuild');
    await receiver.waitFor((requests) => requests.length > 0);
    for (;;) {
      const pass = await rebuild.dispatchNow();
      if (pass.batchesFormed === 0 && pass.attempted === 0 && pass.nextDueAt === null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const delivered = ((await rebuild.listDeliveries()) as Array<{ status: string; sequence: number | null }>).filter((delivery) => delivery.status === 'delivered');

    const listed = await app.http().get(ARTICLES_QUERY);
    expect([listed.status, listed.body.error?.message]).toEqual([200, undefined]);
    const articles = listed.body.data;
    const manifest: UpgradeManifest = {
      articles: articles.map(articleRecord),
      draft: { documentId: draft.documentId, title: 'A draft the upgrade must keep unpublished' },
      rail: railRecords((await rail()).body),
      pinned: pinned.article!.documentId,
      hidden: hidden.article!.documentId,
      keptLine: kept.line,
      deliveries: delivered.length,
      lastSequence: Math.max(...delivered.map((delivery) => Number(delivery.sequence))),
    };
    await app.stop();
    running = false;
    const dump = dumpOf(database);
    const name = usingPostgres() ? 'postgres.sql.gz' : 'sqlite.db.gz';
    fs.mkdirSync(UPGRADE_FIXTURE_DIR, { recursive: true });
    fs.writeFileSync(path.join(UPGRADE_FIXTURE_DIR, name), gzipSync(dump, { level: 9 }));
    fs.writeFileSync(path.join(UPGRADE_FIXTURE_DIR, `${usingPostgres() ? 'postgres' : 'sqlite'}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
    expect(readUpgradeManifest(usingPostgres() ? 'postgres' : 'sqlite').articles.length).toBe(manifest.articles.length);
  } finally {
    if (running) await app.stop();
    await receiver.close();
    await database.drop();
  }
});
