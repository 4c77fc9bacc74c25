import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../uids';

/** What the steps of an article update need of the stored article, read once for all of them. */
export interface StoredDraft {
  title: string | null;
  dek: string | null;
  excerpt: string | null;
  imageCaption: string | null;
  removedChrome: unknown;
  slug: string | null;
  hasImage: boolean;
  seo: (Record<string, unknown> & { id?: number | string | null }) | null;
  /** A published version exists (its slug is then kept). */
  published: boolean;
}

type Row = Record<string, unknown> & { publishedAt?: unknown };

/** Both versions of the document in one read: the draft's fields, and whether one is published. */
export async function readStoredDraft(strapi: Core.Strapi, documentId: string): Promise<StoredDraft | null> {
  const rows = (await strapi.db.query(ARTICLE_UID).findMany({
    where: { documentId },
    select: ['title', 'dek', 'excerpt', 'imageCaption', 'removedChrome', 'slug', 'imageFile', 'publishedAt'],
    populate: { image: { select: ['id'] }, seo: true },
  })) as Row[];
  const draft = rows.find((row) => !row.publishedAt);
  if (!draft) return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    title: text(draft.title),
    dek: text(draft.dek),
    excerpt: text(draft.excerpt),
    imageCaption: text(draft.imageCaption),
    removedChrome: draft.removedChrome,
    slug: text(draft.slug),
    hasImage: Boolean(draft.imageFile || draft.image),
    seo: (draft.seo as StoredDraft['seo']) ?? null,
    published: rows.some((row) => row.publishedAt),
  };
}
