import { normalisedTextHash, normaliseForMatch } from './normalise';

/**
 * What identifies a story across scrapes. Copies of one story arrive with other chrome around
 * them, from other URLs, in another page shape (a category page adds an intro paragraph), and cut
 * off at other points. What they keep in common is their title and whole body lines. So a story is
 * known by its title key plus the keys of its complete body lines; two copies are the same story
 * when they share the title and at least one distinctive complete line (or the same site article
 * number). Stories that only share a title (a weekly digest), a dateline or an opening phrase share
 * no whole distinctive line and stay apart.
 */
export interface ArticleFingerprint {
  titleKey: string;
  /** Keys of the complete, distinctive body lines, in reading order, without repeats. */
  lineKeys: string[];
  /** The site's own article number from a source URL ("/articles/5022-..."), when known. */
  siteArticleKey: string | null;
}

/** Lines shorter than this are too generic ("It was a good year.") to identify a story. */
export const MIN_DISTINCTIVE_LINE = 40;

export interface FingerprintInput {
  title: string;
  body: readonly string[];
  /** The last body line was cut by the scrape: it is not a whole line and cannot be matched. */
  truncated?: boolean;
  sourceUrl?: string | null;
}

export function fingerprintArticle(input: FingerprintInput): ArticleFingerprint {
  const complete = input.truncated ? input.body.slice(0, -1) : input.body;
  const lineKeys: string[] = [];
  const seen = new Set<string>();
  for (const line of complete) {
    if (normaliseForMatch(line).length < MIN_DISTINCTIVE_LINE) continue;
    const key = normalisedTextHash(line);
    if (seen.has(key)) continue;
    seen.add(key);
    lineKeys.push(key);
  }
  return {
    titleKey: normalisedTextHash(input.title),
    lineKeys,
    siteArticleKey: siteArticleKey(input.sourceUrl ?? null),
  };
}

/**
 * "https://host/articles/independents/trade-shows/8767-ja-moves-..." gives "host#8767": the
 * number is the site's id of the article, the same whatever section path or slug the URL shows.
 */
export function siteArticleKey(url: string | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const match = /\/articles\/(?:[^/]+\/)*(\d+)-[^/]*\/?$/.exec(parsed.pathname);
  if (!match) return null;
  return `${parsed.hostname.replace(/^www\./, '')}#${match[1]}`;
}

