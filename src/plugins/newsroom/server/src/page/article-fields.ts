import { linesToBlocks } from '../blocks';
import type { ParsedPage } from './types';

export interface PageOrigin {
  url: string | null;
  file: string | null;
  fetchedAt: Date;
}

/**
 * The Article fields a read page gives, with the page as the article's one source. Pure: the
 * ingest service writes these through the document service (and its dedupe), and the benchmark
 * writes the same fields through stock Strapi as its anchor.
 */
export function articleFieldsOf(page: ParsedPage, origin: PageOrigin) {
  return {
    title: page.title,
    dek: page.dek,
    sponsor: page.sponsor,
    dateline: page.dateline,
    body: linesToBlocks(page.body),
    imageFile: page.image?.file ?? null,
    imageCaption: page.image?.caption ?? null,
    publishedOn: page.publishedOn,
    truncated: page.truncated,
    sources: [{ url: origin.url, file: origin.file, fetchedAt: origin.fetchedAt.toISOString() }],
  };
}
