import fs from 'fs';
import path from 'path';
import type { AuthorBox, ParsedPage } from '../../../src/plugins/newsroom/server/src/page';
import { APP_DIR, SHARED_DIR } from '../../helpers/paths';

/**
 * Pages with an editor's label (corpus/LABELING.md): our own samples in data/sample-pages, and the
 * real scrapes in ../shared, which are read from there at run time and never copied.
 */

export const SAMPLES_DIR = path.join(APP_DIR, 'data', 'sample-pages');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus');
export const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');

export interface PageLabel {
  file: string;
  url: string;
  shape: string;
  chrome: string[];
  title: string;
  dek: string | null;
  sponsor: string | null;
  category: string | null;
  date: string | null;
  dateline: string | null;
  image: { file: string; caption: string | null } | null;
  body: string[];
  rail: string[];
  truncated: boolean;
  story_key: string;
  /** A columnist's author box where the image sits (our own labels; pages without one leave it out). */
  author?: AuthorBox | null;
  note?: string;
}

export interface LabelledPage {
  /** File name of the page, e.g. "017.txt". */
  file: string;
  bytes: Buffer;
  label: PageLabel;
}

/** Every `*.txt` in `pagesDir` that has `<name>.json` in `labelsDir`, sorted by name. */
export function loadLabelledPages(pagesDir: string, labelsDir: string): LabelledPage[] {
  return fs
    .readdirSync(pagesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((file) => {
      const labelPath = path.join(labelsDir, file.replace(/\.txt$/, '.json'));
      if (!fs.existsSync(labelPath)) return [];
      const label = JSON.parse(fs.readFileSync(labelPath, 'utf8')) as PageLabel;
      return [{ file, bytes: fs.readFileSync(path.join(pagesDir, file)), label }];
    });
}

/** The corpus pages and the seeds (whose labels sit in corpus/labels), or null when ../shared is absent. */
export function loadCorpus(): LabelledPage[] | null {
  const pages = path.join(CORPUS_DIR, 'pages');
  const labels = path.join(CORPUS_DIR, 'labels');
  if (!fs.existsSync(pages) || !fs.existsSync(labels)) return null;
  const seeds = fs.existsSync(SEEDS_DIR) ? loadLabelledPages(SEEDS_DIR, labels) : [];
  return [...loadLabelledPages(pages, labels), ...seeds];
}

/** The label fields readPage must reproduce exactly, keyed as in the label. */
export const COMPARED_FIELDS = [
  'shape',
  'title',
  'dek',
  'sponsor',
  'category',
  'date',
  'dateline',
  'image',
  'body',
  'rail',
  'truncated',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** What readPage says, in the label's vocabulary: `date` is publishedOn, rail cards are texts. */
export function asLabelFields(page: ParsedPage): Record<ComparedField, unknown> {
  return {
    shape: page.shape,
    title: page.title,
    dek: page.dek,
    sponsor: page.sponsor,
    category: page.category,
    date: page.publishedOn,
    dateline: page.dateline,
    image: page.image,
    body: page.body,
    rail: page.rail.map((card) => card.text),
    truncated: page.truncated,
  };
}

/** Chrome lines readPage reports that the label does not list (as a multiset: "-----" counts). */
export function chromeNotInLabel(page: ParsedPage, label: PageLabel): string[] {
  const remaining = [...label.chrome];
  return page.chrome
    .map((c) => c.line)
    .filter((line) => {
      const at = remaining.indexOf(line);
      if (at === -1) return true;
      remaining.splice(at, 1);
      return false;
    });
}
