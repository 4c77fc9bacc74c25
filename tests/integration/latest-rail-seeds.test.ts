import fs from 'fs';
import path from 'path';
import { observedOrder, type RailData } from '../helpers/rail';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { SEEDS_DIR } from '../unit/page/labelled-pages';

const seedsPresent = fs.existsSync(SEEDS_DIR);
if (!seedsPresent) console.warn(`latest-rail-seeds: ../shared/seeds not found at ${SEEDS_DIR}; skipped.`);

(seedsPresent ? describe : describe.skip)('the rail seeded from the three seed scrapes in ../shared/seeds (skipped when absent)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestStrapi({ env: { RAIL_ASSEMBLE_DELAY_MS: '20' } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('shows the newest scrape’s cards first, in its order, then older scrapes’ cards, without blanks or repeats', async () => {
    const files = fs.readdirSync(SEEDS_DIR).filter((file) => file.endsWith('.txt')).sort();
    const texts = files.map((file) => fs.readFileSync(path.join(SEEDS_DIR, file), 'utf8'));
    for (const [index, text] of texts.entries()) {
      // Drafts, so only the observed rails feed the rail; later files are newer observations.
      await app.strapi.plugin('newsroom').service('ingest').ingestPage(text, {
        source: { file: files[index] },
        fetchedAt: new Date(Date.UTC(2024, 0, 1 + index)),
      });
    }
    await app.strapi.plugin('newsroom').service('rail').settle();
    const res = await app.http().get('/api/latest-rail').query({ limit: 100 }).expect(200);
    const data = res.body.data as RailData;

    const editorial = data.cards.filter((card) => card.kind === 'editorial').map((card) => card.text);
    const expected = observedOrder([...texts].reverse());
    expect(expected.length).toBeGreaterThan(10);
    expect(editorial).toEqual(expected.slice(0, editorial.length));
    expect(editorial.length).toBe(Math.min(expected.length, 100 - (data.cards.length - editorial.length)));
    expect(data.cards.every((card) => card.text.trim() !== '')).toBe(true);
  });
});
