/**
 * An article's SEO fields: what an editor set, else the article's own title, dek (or excerpt) and
 * image caption, so a frontend reads one place. A field that held the old default follows the
 * article when it changes (a corrected headline corrects the meta title too).
 */

export const SEO_FIELDS = ['metaTitle', 'metaDescription', 'shareImageCaption'] as const;
export type SeoField = (typeof SEO_FIELDS)[number];
export type SeoValues = Record<SeoField, string | null>;

/** The article fields the defaults come from. */
export interface SeoSource {
  title?: string | null;
  dek?: string | null;
  excerpt?: string | null;
  imageCaption?: string | null;
}

const present = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

export function seoDefaults(article: SeoSource): SeoValues {
  return {
    metaTitle: present(article.title),
    metaDescription: present(article.dek) ?? present(article.excerpt),
    shareImageCaption: present(article.imageCaption),
  };
}

/**
 * The SEO values to store: each field as given, unless it is empty or still the default of the
 * article as it was (`before`), in which case it takes the default of the article as it is now.
 */
export function resolveSeo(given: Partial<Record<SeoField, unknown>> | null | undefined, now: SeoSource, before: SeoSource | null): SeoValues {
  const next = seoDefaults(now);
  const previous = before ? seoDefaults(before) : null;
  const resolved = {} as SeoValues;
  for (const field of SEO_FIELDS) {
    const value = present(given?.[field]);
    resolved[field] = value === null || (previous !== null && value === previous[field]) ? next[field] : value;
  }
  return resolved;
}
