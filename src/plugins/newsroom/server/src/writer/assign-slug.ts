import type { Core, UID } from '@strapi/strapi';
import { firstFreeSlug, slugFor } from '../slug';

/** What a slug decision needs of the stored document: its slug, the field it follows, whether it is live. */
export interface StoredSlug {
  slug: string | null;
  source: string | null;
  published: boolean;
}

/**
 * Slugs are computed here, never taken from the client, so the admin, REST, GraphQL and the
 * importer all agree. A slug follows its source field (an article's title, a name) until the
 * document is first published; after that it stays, because published URLs must not break when an
 * editor fixes a headline. `stored` is null for a new document.
 */
export async function assignSlug(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  sourceField: string,
  data: Record<string, unknown>,
  stored: StoredSlug | null,
  documentId?: string
): Promise<void> {
  const source = typeof data[sourceField] === 'string' ? (data[sourceField] as string) : undefined;
  const keepStored = stored?.slug && (stored.published || source === undefined || source === stored.source);
  if (keepStored) {
    data.slug = stored.slug;
    return;
  }
  const from = source ?? stored?.source ?? undefined;
  if (from === undefined) {
    delete data.slug;
    return;
  }
  const base = slugFor(from);
  const rows = (await strapi.db.query(uid).findMany({ select: ['slug', 'documentId'], where: { slug: { $startsWith: base } } })) as Array<{
    slug: string | null;
    documentId: string;
  }>;
  const taken = new Set(rows.filter((row) => row.documentId !== documentId && row.slug).map((row) => row.slug as string));
  data.slug = firstFreeSlug(base, taken);
}
