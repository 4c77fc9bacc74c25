/**
 * The ingest command: `npm run ingest -- [--publish] [--dry-run] [--json] <file|dir|->...`
 *
 * Boots Strapi against the configured database (no HTTP server), reads each page through the
 * newsroom plugin's ingest service, and shuts Strapi down. Exit 0 when every page was read, 1 when
 * some failed (the rest are stored), 2 on bad usage. With --json, stdout is one JSON object,
 * written page by page so a large directory is never held in memory.
 */
import { randomUUID } from 'crypto';
import os from 'os';
import path from 'path';
import { SingleBar, Presets } from 'cli-progress';
import Table from 'cli-table3';
import { createStrapi, type Core } from '@strapi/strapi';
import type { IngestService } from '../src/plugins/newsroom/server/src/services/ingest';
import { parseIngestArgs, USAGE, UsageError, type IngestArgs } from './ingest/args';
import { expandInputs } from './ingest/inputs';
import { addPage, emptyTotals, exitCodeFor, type IngestTotals } from './ingest/totals';

const APP_DIR = path.resolve(__dirname, '..', '..');
const DIST_DIR = path.join(APP_DIR, 'dist');

interface Progress {
  page(index: number, total: number, line: string): void;
  done(): void;
}

function progressFor(args: IngestArgs, total: number): Progress {
  if (args.json) return { page: () => {}, done: () => {} };
  if (process.stdout.isTTY) {
    const bar = new SingleBar({ format: 'ingest [{bar}] {value}/{total} pages  {line}', hideCursor: true }, Presets.shades_classic);
    bar.start(total, 0, { line: '' });
    return { page: (index, _total, line) => bar.update(index, { line: line.slice(0, 60) }), done: () => bar.stop() };
  }
  return { page: (index, all, line) => process.stdout.write(`[${index}/${all}] ${line}\n`), done: () => {} };
}

function printSummary(totals: IngestTotals, warnings: number, failures: Array<{ source: string; error: string }>): void {
  const table = new Table({ head: ['pages', 'created', 'merged', 'failed', 'teasers', 'chrome lines dropped', 'warnings'] });
  table.push([
    totals.pages,
    totals.articles.created,
    totals.articles.merged,
    totals.failed,
    `${totals.teasers.created} new, ${totals.teasers.merged} seen again`,
    totals.chromeLines,
    warnings,
  ]);
  process.stdout.write(`${table.toString()}\n`);
  for (const failure of failures) process.stdout.write(`failed: ${failure.source}: ${failure.error}\n`);
}

async function run(args: IngestArgs): Promise<number> {
  const inputs = await expandInputs(args.inputs);
  const strapi: Core.Strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR }).load();
  const ingest = strapi.plugin('newsroom').service('ingest') as IngestService;

  const totals = emptyTotals();
  const failures: Array<{ source: string; error: string }> = [];
  let warnings = 0;
  const progress = progressFor(args, inputs.length);
  if (args.json) process.stdout.write('{"pages":[');
  const batch = { origin: 'command' as const, batch: randomUUID(), startedBy: os.userInfo().username };

  try {
    for (const [index, input] of inputs.entries()) {
      let result;
      if ('error' in input) {
        if (!args.dryRun) await ingest.countFailedPage(batch).catch(() => undefined);
        result = {
          report: { source: input.label, status: 'failed' as const, error: input.error, warnings: [], article: null, leadTeaser: null, rail: [], chrome: [] },
          tally: { teasersCreated: 0, teasersMerged: 0, categoriesCreated: 0 },
        };
      } else {
        try {
          const text = await input.read();
          result = await ingest.ingestPage(text, { publish: args.publish, dryRun: args.dryRun, source: input.source, batch });
        } catch (error) {
          // One page's failure (a database error, say) is reported and the batch goes on.
          if (!args.dryRun) await ingest.countFailedPage(batch).catch(() => undefined);
          const message = error instanceof Error ? error.message : String(error);
          result = {
            report: { source: input.label, status: 'failed' as const, error: message, warnings: [], article: null, leadTeaser: null, rail: [], chrome: [] },
            tally: { teasersCreated: 0, teasersMerged: 0, categoriesCreated: 0 },
          };
        }
      }
      addPage(totals, result.report, result.tally);
      warnings += result.report.warnings.length;
      if (result.report.status === 'failed') failures.push({ source: result.report.source, error: result.report.error ?? 'failed' });
      if (args.json) process.stdout.write(`${index > 0 ? ',' : ''}${JSON.stringify(result.report)}`);
      const title = result.report.article?.title ?? result.report.error ?? '';
      progress.page(index + 1, inputs.length, `${result.report.status.padEnd(7)} ${result.report.source}  ${title}`);
    }
  } finally {
    progress.done();
    try {
      await ingest.settle();
    } finally {
      await strapi.destroy();
    }
  }

  if (args.json) process.stdout.write(`],"totals":${JSON.stringify(totals)}}\n`);
  else printSummary(totals, warnings, failures);
  return exitCodeFor(totals);
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: IngestArgs;
  try {
    args = parseIngestArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ingest: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  return run(args);
}
