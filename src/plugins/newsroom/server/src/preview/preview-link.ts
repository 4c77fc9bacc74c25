import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** Which version of an article a preview shows. */
export type PreviewStatus = 'draft' | 'published';

/** A signed preview link's query: which version, until when (seconds since the epoch), and the signature. */
export interface PreviewLinkQuery {
  status: PreviewStatus;
  expires: number;
  signature: string;
}

export type PreviewLinkCheck = { ok: true; status: PreviewStatus } | { ok: false; httpStatus: 400 | 403; reason: string };

/** The signing key: derived from a secret, so the secret itself never signs anything else. */
export function previewSigningKey(secret: string): Buffer {
  return createHash('sha256').update(`newsroom preview links\0${secret}`).digest();
}

function signatureOf(key: Buffer, documentId: string, status: PreviewStatus, expires: number): string {
  return createHmac('sha256', key).update(`${documentId}\0${status}\0${expires}`).digest('base64url');
}

/** The query that lets anyone holding the link see this version of the article until `expiresAt`. */
export function signPreviewLink(key: Buffer, documentId: string, status: PreviewStatus, expiresAt: Date): PreviewLinkQuery {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return { status, expires, signature: signatureOf(key, documentId, status, expires) };
}

/**
 * Checks a preview link's query as it arrived: its shape (400), then its signature and expiry
 * (403). A link that expires later than one signed now would is refused too: links live `ttlSeconds`.
 */
export function checkPreviewLink(key: Buffer, documentId: string, query: Record<string, unknown>, now: Date, ttlSeconds: number): PreviewLinkCheck {
  const { status, expires, signature } = query;
  if (status !== 'draft' && status !== 'published') return { ok: false, httpStatus: 400, reason: 'status must be draft or published' };
  if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires)) return { ok: false, httpStatus: 400, reason: 'expires must be a time in seconds' };
  if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(signature)) {
    return { ok: false, httpStatus: 400, reason: 'signature is missing or malformed' };
  }
  const expected = Buffer.from(signatureOf(key, documentId, status, Number(expires)));
  if (!timingSafeEqual(expected, Buffer.from(signature))) {
    return { ok: false, httpStatus: 403, reason: 'this preview link is not valid: open the preview again from the article' };
  }
  if (Number(expires) * 1000 <= now.getTime()) {
    return { ok: false, httpStatus: 403, reason: 'this preview link has expired: open the preview again from the article' };
  }
  if (Number(expires) * 1000 > now.getTime() + (ttlSeconds + 60) * 1000) {
    return { ok: false, httpStatus: 403, reason: 'this preview link lives longer than preview links may: open the preview again from the article' };
  }
  return { ok: true, status };
}
