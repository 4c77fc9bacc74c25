import fs from 'fs/promises';
import path from 'path';
import type { Core } from '@strapi/strapi';

export const SAMPLE_PAGES_DIR = path.join('data', 'sample-pages');

/** What the seed uses of the newsroom plugin's ingest service, through Strapi's service registry. */
interface PageIngest {
  ingestPage(
    text: Buffer,
    options: { publish: boolean; source: { file: string }; batch: { origin: 'samples'; batch: string; startedBy: string } }
  ): Promise<{ report: { status: string; error?: string } }>;
}
const STORE_KEY = 'sample-content-seeded';

/**
 * On the first boot of an empty database, read the project's own sample pages (written by us in
 * the shapes the scrapes have) through the same ingest path as the command, published, so that a
 * newcomer's `npm run develop` shows content at once. Remembered in the core store: a database
 * whose editors later delete everything is not filled again. SEED_SAMPLE_CONTENT=false turns it off.
 */
export async function seedSampleContent(strapi: Core.Strapi, environment = process.env): Promise<number> {
  if (environment.SEED_SAMPLE_CONTENT === 'false') return 0;
  // Stock Strapi, measured side by side with the plugin (bench/), has no ingest to seed with.
  if (!strapi.plugin('newsroom')) return 0;
  const store = strapi.store({ type: 'app', name: 'newsroom', key: STORE_KEY });
  if (await store.get({})) return 0;
  if ((await strapi.documents('api::article.article').count({})) > 0) {
    await store.set({ value: { skippedAt: new Date().toISOString(), reason: 'database not empty' } });
    return 0;
  }

  const dir = path.join(strapi.dirs.app.root, SAMPLE_PAGES_DIR);
  const files = (await fs.readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  const ingest = strapi.plugin('newsroom').service('ingest') as PageIngest;
  let read = 0;
  for (const name of files) {
    const file = path.join(SAMPLE_PAGES_DIR, name);
    const { report } = await ingest.ingestPage(await fs.readFile(path.join(dir, name)), {
      publish: true,
      source: { file },
      batch: { origin: 'samples', batch: 'first-boot', startedBy: 'first boot' },
    });
    if (report.status === 'failed') strapi.log.warn(`Sample page ${file} was not read: ${report.error}`);
    else read += 1;
  }
  await store.set({ value: { seededAt: new Date().toISOString(), pages: read } });
  strapi.log.info(`Loaded ${read} sample pages into the empty database`);
  return read;
}
