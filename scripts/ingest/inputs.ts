import { createReadStream } from 'fs';
import fs from 'fs/promises';
import path from 'path';
import type { PageSource } from '../../src/plugins/newsroom/server/src/services/ingest';

/** One page to read: where it is from, and how to read it when its turn comes. */
export interface PageInput {
  source: PageSource;
  label: string;
  read: () => Promise<Buffer>;
}

export interface PageInputError {
  label: string;
  error: string;
}

/** Only these files in a directory are pages; labels, notes and indexes beside them are not. */
const PAGE_FILE = /\.txt$/i;

/**
 * A directory may carry `index.tsv` (columns `file` and `url`, as scrapers write it): its URLs
 * become the pages' sources, so copies of one story from different URLs can be recognised.
 */
async function readUrlIndex(dir: string): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, 'index.tsv'), 'utf8');
  } catch {
    return urls;
  }
  const [header, ...rows] = text.split(/\r?\n/);
  const columns = header.split('\t');
  const fileColumn = columns.indexOf('file');
  const urlColumn = columns.indexOf('url');
  if (fileColumn < 0 || urlColumn < 0) return urls;
  for (const row of rows) {
    const cells = row.split('\t');
    if (cells[fileColumn] && /^https?:\/\//.test(cells[urlColumn] ?? '')) urls.set(cells[fileColumn], cells[urlColumn]);
  }
  return urls;
}

async function listDirectory(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listDirectory(full)));
    else if (entry.isFile() && PAGE_FILE.test(entry.name)) found.push(full);
  }
  return found;
}

function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

function fileInput(file: string, url: string | undefined): PageInput {
  const relative = path.relative(process.cwd(), file) || file;
  return {
    source: { file: relative, url: url ?? null },
    label: relative,
    read: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        createReadStream(file)
          .on('data', (chunk) => chunks.push(chunk as Buffer))
          .on('end', () => resolve(Buffer.concat(chunks)))
          .on('error', reject);
      }),
  };
}

/**
 * Expands the command's inputs into pages, in order. Only names are listed up front (so a
 * progress bar knows the total); each page's text is read when it is ingested, one at a time.
 * An input that cannot be found is reported as a failed page, and the batch goes on.
 */
export async function expandInputs(inputs: readonly string[]): Promise<Array<PageInput | PageInputError>> {
  const pages: Array<PageInput | PageInputError> = [];
  for (const input of inputs) {
    if (input === '-') {
      pages.push({ source: { file: 'stdin' }, label: 'stdin', read: readStdin });
      continue;
    }
    let stat;
    try {
      stat = await fs.stat(input);
    } catch {
      pages.push({ label: input, error: `no such file or directory: ${input}` });
      continue;
    }
    if (stat.isDirectory()) {
      const files = await listDirectory(input);
      const indexes = new Map<string, Map<string, string>>();
      for (const file of files) {
        const dir = path.dirname(file);
        if (!indexes.has(dir)) indexes.set(dir, await readUrlIndex(dir));
        pages.push(fileInput(file, indexes.get(dir)!.get(path.basename(file))));
      }
    } else {
      const urls = await readUrlIndex(path.dirname(input));
      pages.push(fileInput(input, urls.get(path.basename(input))));
    }
  }
  return pages;
}
