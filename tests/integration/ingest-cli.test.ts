import fs from 'fs';
import os from 'os';
import path from 'path';
import { runIngest } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestStrapi } from '../helpers/strapi';
import { SAMPLES_DIR } from '../unit/page/labelled-pages';

const SAMPLE_FILES = fs.readdirSync(SAMPLES_DIR).filter((name) => name.endsWith('.txt'));

describe('npm run ingest', () => {
  let database: TestDatabase;
  let scratch: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-ingest-'));
    // Boot once so the schema exists before two commands touch it.
    const app = await startTestStrapi({ database });
    await app.stop();
  });

  afterAll(async () => {
    await database?.drop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const none = await runIngest([], database.env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name at least one file, directory or - for standard input');
    expect(none.stderr).toContain('usage: npm run ingest --');

    const unknown = await runIngest(['--publsh', SAMPLES_DIR], database.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --publsh');
  });

  it('--dry-run reads every page and writes nothing', async () => {
    const result = await runIngest(['--dry-run', '--json', SAMPLES_DIR], database.env);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.pages).toHaveLength(SAMPLE_FILES.length);
    expect(output.pages.every((page: { article: { documentId: null } }) => page.article.documentId === null)).toBe(true);
    const app = await startTestStrapi({ database });
    try {
      expect(await app.strapi.documents('api::article.article').count({})).toBe(0);
    } finally {
      await app.stop();
    }
  });

  it('stores a directory of pages with --json, and a second run creates nothing new', async () => {
    const first = await runIngest(['--publish', '--json', SAMPLES_DIR], database.env);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    const output = JSON.parse(first.stdout);
    expect(output.pages).toHaveLength(SAMPLE_FILES.length);
    for (const page of output.pages) {
      expect(Object.keys(page).sort()).toEqual(['article', 'chrome', 'leadTeaser', 'rail', 'source', 'status', 'warnings']);
      expect(page.article.documentId).toEqual(expect.any(String));
    }
    // The Halvorsen story arrives four times (three rail scrapes and a category page).
    const halvorsen = output.pages.filter((page: { source: string }) => page.source.includes('halvorsen-antwerp'));
    expect(halvorsen).toHaveLength(4);
    expect(new Set(halvorsen.map((page: { article: { documentId: string } }) => page.article.documentId)).size).toBe(1);
    expect(output.totals).toMatchObject({ pages: SAMPLE_FILES.length, failed: 0 });
    expect(output.totals.articles.created + output.totals.articles.merged).toBe(SAMPLE_FILES.length);
    expect(output.totals.articles.merged).toBe(3);
    expect(output.totals.teasers.created).toBeGreaterThan(0);

    const second = await runIngest(['--publish', '--json', SAMPLES_DIR], database.env);
    expect(second.code).toBe(0);
    const again = JSON.parse(second.stdout);
    expect(again.totals.articles).toEqual({ created: 0, merged: SAMPLE_FILES.length });
    expect(again.totals.teasers.created).toBe(0);
    expect(again.totals.categories.created).toBe(0);
  });

  it('reports a bad page, stores the rest and exits 1', async () => {
    const dir = path.join(scratch, 'mixed');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(SAMPLES_DIR, 'coastal-guild-president-title-first.txt'), path.join(dir, 'a-good.txt'));
    fs.writeFileSync(path.join(dir, 'b-html.txt'), '<!DOCTYPE html><html><body>not a scrape</body></html>');
    fs.writeFileSync(path.join(dir, 'c-binary.txt'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 8, 0, 0x21, 0, 0, 0, 0, 0]));
    // 1.09 MB of 100,000 short lines: under the byte limit, far over the line limit (it exhausted the heap).
    const longLines = Array.from({ length: 100_000 }, (_, i) => `Line ${i % 997}`).join('\n');
    fs.writeFileSync(path.join(dir, 'd-long.txt'), `A Page Of Very Many Lines\n\n${longLines}\n`);
    const result = await runIngest(['--json', dir, path.join(scratch, 'missing.txt')], database.env);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    const byStatus = output.pages.map((page: { status: string; source: string }) => [path.basename(page.source), page.status]);
    expect(byStatus).toEqual([
      ['a-good.txt', 'merged'],
      ['b-html.txt', 'failed'],
      ['c-binary.txt', 'failed'],
      ['d-long.txt', 'failed'],
      ['missing.txt', 'failed'],
    ]);
    expect(output.pages[1].error).toMatch(/HTML/);
    expect(output.pages[2].error).toMatch(/binary/);
    expect(output.pages[3].error).toMatch(/100002 lines, more than the limit of 500 \(PAGE_LINE_LIMIT\)/);
    expect(output.pages[4].error).toBe(`no such file or directory: ${path.join(scratch, 'missing.txt')}`);
    expect(output.totals.failed).toBe(4);
  });

  it('prints plain progress lines and a summary table when stdout is not a terminal, and reads stdin', async () => {
    const page = fs.readFileSync(path.join(SAMPLES_DIR, 'mid-atlantic-gala-list.txt'), 'utf8');
    const result = await runIngest(['-'], database.env, page);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\[1\/1\] merged +stdin +/m);
    for (const column of ['pages', 'created', 'merged', 'failed', 'teasers', 'chrome lines dropped', 'warnings']) {
      expect(result.stdout).toContain(column);
    }
  });
});
