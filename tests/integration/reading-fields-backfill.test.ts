import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import { createTestDatabase } from '../helpers/database';
import { startTestStrapi } from '../helpers/strapi';
import { until } from '../helpers/until';

// Its own file: the test boots Strapi twice on one database, and one process holds one Strapi at a time.
it('fills them in after a boot, in the background, for a database written before they existed', async () => {
  const database = await createTestDatabase();
  let documentId: string;
  const older = await startTestStrapi({ database });
  try {
    const created = await older.strapi.documents('api::article.article').create({
      data: { title: 'A Story From Before the Figures', body: linesToBlocks(['Five words in this line.']) as never },
      status: 'published',
    });
    documentId = created.documentId;
    await older.strapi.db.query('api::article.article').updateMany({ where: { documentId }, data: { wordCount: null, readingTime: null, excerpt: null } });
  } finally {
    await older.stop();
  }
  const upgraded = await startTestStrapi({ database });
  try {
    const filled = await until(async () => {
      const res = await upgraded.http().get(`/api/articles/${documentId}`).expect(200);
      return res.body.data.wordCount === null ? null : res.body.data;
    });
    expect(filled).toMatchObject({ wordCount: 5, readingTime: 1, excerpt: 'Five words in this line.' });
  } finally {
    await upgraded.stop();
    await database.drop();
  }
});
