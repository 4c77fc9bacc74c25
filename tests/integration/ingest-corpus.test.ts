import fs from 'fs';
import path from 'path';
import { blocksToLines, linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import { runIngest } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { CORPUS_DIR, loadCorpus, SEEDS_DIR, type PageLabel } from '../unit/page/labelled-pages';

const corpus = loadCorpus();
const describeCorpus = corpus ? describe : describe.skip;
if (!corpus) {
  console.warn(`real-page ingest skipped: ${CORPUS_DIR} not found (set NEWSROOM_SHARED_DIR to the shared folder)`);
}

interface StoredArticle {
  documentId: string;
  title: string;
  dek: string | null;
  sponsor: string | null;
  dateline: string | null;
  publishedOn: string | null;
  body: unknown;
  category: { name: string } | null;
}

const bodyLength = (lines: string[]) => lines.reduce((sum, line) => sum + line.length, 0);

describeCorpus(
  corpus ? 'npm run ingest -- --publish ../shared/seeds ../shared/corpus/pages' : 'real-page ingest (skipped: ../shared/corpus not found)',
  () => {
    let database: TestDatabase;
    let app: TestApp;
    let pages: Array<{ source: string; status: string; article: { documentId: string } }>;
    const labelsBySource = new Map<string, PageLabel>();

    beforeAll(async () => {
      database = await createTestDatabase();
      const result = await runIngest(['--publish', '--json', SEEDS_DIR, path.join(CORPUS_DIR, 'pages')], database.env);
      if (result.code !== 0) throw new Error(`ingest exited ${result.code}: ${result.stderr.slice(-2000)}`);
      pages = JSON.parse(result.stdout).pages;
      for (const page of corpus!) {
        const source = pages.find((p) => path.basename(p.source) === page.file);
        if (source) labelsBySource.set(source.source, page.label);
      }
      app = await startTestStrapi({ database });
    }, 300000);

    afterAll(async () => {
      await app?.stop();
      await database?.drop();
    });

    it('stores every page and fails none', () => {
      const files = [
        ...fs.readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')),
        ...fs.readdirSync(path.join(CORPUS_DIR, 'pages')).filter((f) => f.endsWith('.txt')),
      ];
      expect(pages).toHaveLength(files.length);
      expect(pages.filter((page) => page.status === 'failed')).toEqual([]);
      expect(labelsBySource.size).toBe(corpus!.length);
    });

    it('gives one article per story, and different stories stay apart', () => {
      const documentByStory = new Map<string, Set<string>>();
      const storyByDocument = new Map<string, Set<string>>();
      for (const page of pages) {
        const label = labelsBySource.get(page.source);
        if (!label) continue;
        if (!documentByStory.has(label.story_key)) documentByStory.set(label.story_key, new Set());
        documentByStory.get(label.story_key)!.add(page.article.documentId);
        if (!storyByDocument.has(page.article.documentId)) storyByDocument.set(page.article.documentId, new Set());
        storyByDocument.get(page.article.documentId)!.add(label.story_key);
      }
      const split = [...documentByStory].filter(([, documents]) => documents.size > 1).map(([story]) => story);
      const joined = [...storyByDocument].filter(([, stories]) => stories.size > 1).map(([, stories]) => [...stories]);
      expect(split).toEqual([]);
      expect(joined).toEqual([]);
    });

    it('reads back over REST as the labels say, with no chrome line in any body', async () => {
      const groups = new Map<string, PageLabel[]>();
      for (const page of pages) {
        const label = labelsBySource.get(page.source);
        if (!label) continue;
        groups.set(page.article.documentId, [...(groups.get(page.article.documentId) ?? []), label]);
      }
      const res = await app.http().get('/api/articles').query({ populate: 'category', pagination: { pageSize: 100 } }).expect(200);
      const stored = new Map<string, StoredArticle>(res.body.data.map((a: StoredArticle) => [a.documentId, a]));
      expect(stored.size).toBe(groups.size);

      const mismatches: string[] = [];
      for (const [documentId, labels] of groups) {
        const article = stored.get(documentId)!;
        const body = blocksToLines(article.body);
        const longest = labels.reduce((best, label) => (bodyLength(label.body) > bodyLength(best.body) ? label : best));
        const expectOne = (field: string, actual: unknown, allowed: unknown[]) => {
          if (!allowed.some((value) => JSON.stringify(value) === JSON.stringify(actual))) {
            mismatches.push(`${labels[0].story_key} ${field}: ${JSON.stringify(actual)} not in ${JSON.stringify(allowed)}`);
          }
        };
        const present = <T>(values: T[]) => {
          const some = values.filter((value) => value !== null);
          return some.length > 0 ? [...new Set(some)] : [null];
        };
        expectOne('title', article.title, labels.map((l) => l.title));
        expectOne('dek', article.dek, present(labels.map((l) => l.dek)));
        expectOne('sponsor', article.sponsor, present(labels.map((l) => l.sponsor)));
        expectOne('dateline', article.dateline, present(labels.map((l) => l.dateline)));
        expectOne('category', article.category?.name ?? null, present(labels.map((l) => l.category)));
        expectOne('publishedOn', article.publishedOn, present(labels.map((l) => l.date)));
        // The labelled reading lines as blocks store them: a list item's marker is the list's own.
        expectOne('body', body, [blocksToLines(linesToBlocks(longest.body))]);
        const chrome = new Set(labels.flatMap((l) => l.chrome));
        for (const line of body) if (chrome.has(line)) mismatches.push(`${labels[0].story_key} body holds chrome: ${line}`);
      }
      expect(mismatches).toEqual([]);
    });

    it('stores the rail cards of the seeds as teasers', async () => {
      const seeds = corpus!.filter((page) => page.file.includes('_'));
      const cards = new Set(seeds.flatMap((page) => page.label.rail).filter((text) => text !== '' && !/^(Supplier Spotlight )?Sponsored by /.test(text)));
      const teasers = await app.strapi.db.query('api::teaser.teaser').findMany({ where: { kind: 'editorial' }, select: ['text'] });
      const stored = new Set(teasers.map((t: { text: string }) => t.text));
      const missing = [...cards].filter((text) => !stored.has(text));
      expect(missing).toEqual([]);
    });
  }
);
