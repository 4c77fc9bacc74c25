import path from 'path';
import { runIngest } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestStrapi } from '../helpers/strapi';
import { CORPUS_DIR, loadCorpus, SAMPLES_DIR, SEEDS_DIR } from '../unit/page/labelled-pages';

// Our own sample pages always; the real scrapes too when ../shared is beside the clone.
const realPages = loadCorpus() !== null;
if (!realPages) console.warn(`concurrent ingest runs on our sample pages only: ${CORPUS_DIR} not found`);
const INPUTS = realPages ? [SAMPLES_DIR, SEEDS_DIR, path.join(CORPUS_DIR, 'pages')] : [SAMPLES_DIR];

interface Counts {
  documents: number;
  articleRows: number;
  teasers: number;
  sightings: number;
  categories: number;
  observations: number;
}

async function countsOf(database: TestDatabase): Promise<Counts> {
  const app = await startTestStrapi({ database });
  try {
    const db = app.strapi.db;
    const rows: Array<{ documentId: string }> = await db.query('api::article.article').findMany({ select: ['documentId'] });
    const teasers: Array<{ timesSeen: number }> = await db.query('api::teaser.teaser').findMany({ select: ['timesSeen'] });
    return {
      documents: new Set(rows.map((row) => row.documentId)).size,
      articleRows: rows.length,
      teasers: teasers.length,
      sightings: teasers.reduce((sum, teaser) => sum + teaser.timesSeen, 0),
      categories: await db.query('api::category.category').count({}),
      observations: await db.query('plugin::newsroom.rail-observation').count({}),
    };
  } finally {
    await app.stop();
  }
}

describe(`two ingest commands at once (${INPUTS.length > 1 ? 'samples and real pages' : 'sample pages'})`, () => {
  const databases: TestDatabase[] = [];

  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('end with exactly the counts of one sequential run', async () => {
    const sequential = await createTestDatabase();
    const concurrent = await createTestDatabase();
    databases.push(sequential, concurrent);
    for (const database of databases) await (await startTestStrapi({ database })).stop();

    const alone = await runIngest(['--publish', '--json', ...INPUTS], sequential.env);
    expect(alone.code).toBe(0);

    const [first, second] = await Promise.all([
      runIngest(['--publish', '--json', ...INPUTS], concurrent.env),
      runIngest(['--publish', '--json', ...INPUTS], concurrent.env),
    ]);
    // The failed pages first: their errors say more than an exit code.
    const failedPages = [first, second].flatMap((run) => JSON.parse(run.stdout).pages.filter((p: { status: string }) => p.status === 'failed'));
    expect(failedPages).toEqual([]);
    expect([first.code, second.code, first.stderr.match(/error.*/i)?.[0] ?? null, second.stderr.match(/error.*/i)?.[0] ?? null]).toEqual([0, 0, null, null]);

    const expected = await countsOf(sequential);
    expect(expected.documents).toBeGreaterThan(5);
    expect(await countsOf(concurrent)).toEqual(expected);
  }, 600000);
});
