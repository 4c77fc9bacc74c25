/**
 * REBUILD_WEBHOOK_URLS: the frontends to notify. Checked at start-up so a typo fails the boot
 * instead of silently never rebuilding a site.
 */
import type { RebuildTarget } from './types';

const VARIABLE = 'REBUILD_WEBHOOK_URLS';

/** The URL with any user name and password masked, for error messages that end up in logs. */
function redacted(url: URL): string {
  const copy = new URL(url.href);
  if (copy.username !== '') copy.username = '***';
  if (copy.password !== '') copy.password = '***';
  return copy.href;
}

/**
 * Comma- and/or whitespace-separated http(s) URLs; empty or unset means no targets. Each URL is
 * normalised (lower-case host, default port dropped, fragment dropped — it is never sent) and
 * duplicates after normalisation are dropped, keeping the first, so one frontend listed twice is
 * rebuilt once. Throws an Error naming the bad entry for anything that isn't an absolute http(s)
 * URL, and for URLs with credentials: fetch refuses them, and a secret in a URL leaks into logs —
 * put credentials in the signing secret instead.
 */
export function parseTargets(urls: string | undefined): RebuildTarget[] {
  if (urls === undefined) return [];
  const targets: RebuildTarget[] = [];
  const seen = new Set<string>();
  for (const entry of urls.split(/[\s,]+/)) {
    if (entry === '') continue;
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`${VARIABLE}: "${entry}" is not a valid absolute URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`${VARIABLE}: "${entry}" is not an http(s) URL (scheme ${url.protocol.replace(/:$/, '')})`);
    }
    if (url.username !== '' || url.password !== '') {
      throw new Error(`${VARIABLE}: "${redacted(url)}" contains credentials; remove them from the URL`);
    }
    url.hash = '';
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    targets.push({ url: url.href });
  }
  return targets;
}
