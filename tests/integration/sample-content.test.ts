import fs from 'fs';
import path from 'path';
import { adminToken } from '../helpers/content';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestStrapi } from '../helpers/strapi';
import { SAMPLES_DIR, loadLabelledPages } from '../unit/page/labelled-pages';

describe('first boot loads the sample pages', () => {
  let database: TestDatabase;
  const samples = loadLabelledPages(SAMPLES_DIR, path.join(SAMPLES_DIR, 'labels'));
  const stories = new Set(samples.map((page) => page.label.story_key));

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('publishes one article per sample story, readable by the public', async () => {
    expect(fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt'))).toHaveLength(samples.length);
    const app = await startTestStrapi({ database, env: { SEED_SAMPLE_CONTENT: 'true' } });
    try {
      const res = await app.http().get('/api/articles').query({ populate: 'category', pagination: { pageSize: 100 } }).expect(200);
      expect(res.body.meta.pagination.total).toBe(stories.size);
      const titles = res.body.data.map((article: { title: string }) => article.title).sort();
      // One title per story: the two weekly digests that share a title stay two articles.
      const titleByStory = new Map(samples.map((page) => [page.label.story_key, page.label.title]));
      expect(titles).toEqual([...titleByStory.values()].sort());
      const teasers = await app.http().get('/api/teasers').expect(200);
      expect(teasers.body.meta.pagination.total).toBeGreaterThan(10);

      // The rail a reader sees: the card a cut-off sample page ends inside is shown whole, never as
      // its fragment, and no card is the start of another.
      await (app.strapi.plugin('newsroom').service('rail') as { settle(): Promise<void> }).settle();
      const rail = await app.http().get('/api/latest-rail').query({ limit: 100 }).expect(200);
      const railTexts: string[] = rail.body.data.cards.map((card: { text: string }) => card.text);
      expect(railTexts).not.toContain('The Swiss brand’s new bout');
      expect(railTexts.filter((text) => text.startsWith('The Swiss brand’s new bout'))).toHaveLength(1);
      const prefixes = railTexts.filter((text) => railTexts.some((other) => other !== text && other.startsWith(text)));
      expect(prefixes).toEqual([]);
      // Editors still find the fragment among the teasers, marked.
      const fragments = await app.http().get('/api/teasers').query({ 'filters[fragment][$eq]': 'true' }).expect(200);
      expect(fragments.body.data.map((teaser: { text: string }) => teaser.text)).toEqual(['The Swiss brand’s new bout']);
      // The editors' home page counts the first boot's pages as one import.
      const jwt = await adminToken(app);
      const activity = await app.http().get('/newsroom/activity').set('Authorization', `Bearer ${jwt}`).expect(200);
      expect(activity.body.data.imports).toEqual([
        expect.objectContaining({ origin: 'samples', startedBy: 'first boot', pages: samples.length, created: stories.size, failed: 0 }),
      ]);
      // An editor clears the demo content.
      await app.strapi.db.query('api::article.article').deleteMany({});
    } finally {
      await app.stop();
    }

    const again = await startTestStrapi({ database, env: { SEED_SAMPLE_CONTENT: 'true' } });
    try {
      const res = await again.http().get('/api/articles').expect(200);
      expect(res.body.data).toEqual([]);
    } finally {
      await again.stop();
    }
  });
});
