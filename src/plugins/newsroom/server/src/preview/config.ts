/** Where the Content Manager's Preview points, and how long the plugin's own preview links live. */
export interface PreviewConfig {
  /** A frontend's preview route; null: the plugin renders the preview itself. */
  frontendUrl: URL | null;
  /** Sent to the frontend as `secret` (its draft mode checks it). */
  secret: string | null;
  linkTtlSeconds: number;
}

export type PreviewConfigInput = { url?: string; secret?: string; linkTtlSeconds?: number | string };

export const DEFAULT_PREVIEW_LINK_TTL_SECONDS = 3600;

export function resolvePreviewConfig(input: PreviewConfigInput = {}): PreviewConfig {
  let frontendUrl: URL | null = null;
  if (input.url) {
    try {
      frontendUrl = new URL(input.url);
    } catch {
      throw new RangeError(`PREVIEW_URL must be an http(s) URL, got ${JSON.stringify(input.url)}`);
    }
    if (frontendUrl.protocol !== 'http:' && frontendUrl.protocol !== 'https:') {
      throw new RangeError(`PREVIEW_URL must be an http(s) URL, got ${JSON.stringify(input.url)}`);
    }
  }
  const ttl = input.linkTtlSeconds === undefined || input.linkTtlSeconds === '' ? DEFAULT_PREVIEW_LINK_TTL_SECONDS : Number(input.linkTtlSeconds);
  if (!Number.isSafeInteger(ttl) || ttl < 60) {
    throw new RangeError(`PREVIEW_LINK_TTL_SECONDS must be a whole number of seconds, at least 60, got ${JSON.stringify(input.linkTtlSeconds)}`);
  }
  return { frontendUrl, secret: input.secret || null, linkTtlSeconds: ttl };
}
