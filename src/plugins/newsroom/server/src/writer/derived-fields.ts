import { canonicalUrlOf, readingFieldsOf } from '../blocks';
import { resolveSeo, type SeoSource } from '../seo/default-seo';
import type { StoredDraft } from './stored-draft';

/**
 * What a page template derives from an article, stored when its body or sources are written (not
 * per request): word count, reading time, excerpt and canonical URL. Runs after the body is
 * cleaned, so it counts the body without site chrome. A body set to null clears the figures too.
 */
export function deriveReadingFields(data: Record<string, unknown>, stored: StoredDraft | null): void {
  if (Array.isArray(data.body) || data.body === null) {
    const imageWritten = 'image' in data || 'imageFile' in data;
    const hasImage = Boolean(data.image ?? data.imageFile) || (!imageWritten && stored?.hasImage === true);
    Object.assign(data, readingFieldsOf(data.body, hasImage));
  }
  if (Array.isArray(data.sources)) data.canonicalUrl = canonicalUrlOf(data.sources);
}

/** The fields whose change can change an article's SEO values. */
const SEO_INPUTS = ['title', 'dek', 'excerpt', 'imageCaption', 'seo'];

/**
 * Gives every written article its SEO component: what the editor set, else its title, dek (or
 * excerpt) and image caption. Runs after the reading fields, so a new excerpt can stand in for a
 * missing dek.
 */
export function defaultSeo(data: Record<string, unknown>, stored: StoredDraft | null): void {
  if (!SEO_INPUTS.some((field) => field in data)) return;
  const now: SeoSource = {
    title: 'title' in data ? (data.title as string | null) : stored?.title,
    dek: 'dek' in data ? (data.dek as string | null) : stored?.dek,
    excerpt: 'excerpt' in data ? (data.excerpt as string | null) : stored?.excerpt,
    imageCaption: 'imageCaption' in data ? (data.imageCaption as string | null) : stored?.imageCaption,
  };
  const given = (data.seo && typeof data.seo === 'object' ? data.seo : stored?.seo) as Record<string, unknown> | null | undefined;
  // The stored draft's component is changed in place; an id a client sends (of another version, say) is not trusted.
  const { id: _clientId, ...fields } = (given ?? {}) as Record<string, unknown>;
  const storedId = stored?.seo?.id;
  data.seo = { ...(storedId !== undefined && storedId !== null ? { id: storedId } : {}), ...resolveSeo(fields, now, stored) };
}
