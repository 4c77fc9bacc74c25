import type { PageReport, PageTally } from '../../src/plugins/newsroom/server/src/services/ingest';

/** The run's totals, in the shape the README gives for `npm run ingest -- --json`. */
export interface IngestTotals {
  pages: number;
  failed: number;
  articles: { created: number; merged: number };
  teasers: { created: number; merged: number };
  categories: { created: number };
  chromeLines: number;
}

export function emptyTotals(): IngestTotals {
  return { pages: 0, failed: 0, articles: { created: 0, merged: 0 }, teasers: { created: 0, merged: 0 }, categories: { created: 0 }, chromeLines: 0 };
}

export function addPage(totals: IngestTotals, report: PageReport, tally: PageTally): void {
  totals.pages += 1;
  if (report.status === 'failed') totals.failed += 1;
  else totals.articles[report.status] += 1;
  totals.teasers.created += tally.teasersCreated;
  totals.teasers.merged += tally.teasersMerged;
  totals.categories.created += tally.categoriesCreated;
  totals.chromeLines += report.chrome.length;
}

/** 0 when every page was read, 1 when some failed (the rest are stored). */
export function exitCodeFor(totals: IngestTotals): 0 | 1 {
  return totals.failed > 0 ? 1 : 0;
}
