/**
 * Signing per the Standard Webhooks spec (https://www.standardwebhooks.com):
 *   webhook-signature = "v1," + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`))
 * with the timestamp in whole seconds. Done with node's crypto rather than the `standardwebhooks`
 * package so the tests, which verify with that package, check two independent implementations.
 *
 * Secrets come in two forms, told apart by the prefix:
 * - "whsec_<base64>": the spec's form; the key is the decoded bytes. The base64 must be strict
 *   (standard alphabet, padded), because the receiver's library decodes strictly and a lenient
 *   decode here would sign with a key the receiver never has.
 * - anything else is a plain passphrase; the key is its UTF-8 bytes. Receivers using the
 *   `standardwebhooks` package should be given `toStandardWebhooksSecret(plain)`, i.e.
 *   "whsec_" + base64(utf8(plain)), which decodes to the very same bytes. (That package's
 *   `{ format: 'raw' }` option maps UTF-16 code units to bytes, so it agrees only for ASCII.)
 * A plain secret that happens to start with "whsec_" is read as the spec form; if its tail is not
 * valid base64 signing refuses, rather than guess which form the receiver was given.
 */
import { createHmac } from 'crypto';
import type { SignedRequest } from './types';

const SECRET_PREFIX = 'whsec_';
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Header values must be visible ASCII; a delivery id is also the receiver's idempotency key. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** The HMAC key bytes a secret stands for. Throws (without echoing the secret) on an unusable one. */
export function secretKeyBytes(secret: string): Buffer {
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('webhook secret is empty');
  if (secret !== secret.trim()) {
    // Almost always a newline picked up from a secrets file; the receiver won't have it.
    throw new Error('webhook secret has leading or trailing whitespace');
  }
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length);
    if (encoded.length === 0 || !STRICT_BASE64.test(encoded)) {
      throw new Error(`webhook secret starts with "${SECRET_PREFIX}" but the rest is not valid base64`);
    }
    return Buffer.from(encoded, 'base64');
  }
  return Buffer.from(secret, 'utf8');
}

/** The "whsec_<base64>" form of any accepted secret: what to hand a receiver using the spec's libraries. */
export function toStandardWebhooksSecret(secret: string): string {
  return SECRET_PREFIX + secretKeyBytes(secret).toString('base64');
}

/**
 * Signs one attempt. The delivery id is the same on every retry (receivers dedupe on it); the
 * timestamp is the attempt's own, because receivers reject timestamps older than a few minutes
 * and retries run for an hour.
 */
export function signDelivery(secret: string, deliveryId: string, payload: unknown, at: Date): SignedRequest {
  const key = secretKeyBytes(secret);
  if (typeof deliveryId !== 'string' || !HEADER_SAFE.test(deliveryId)) {
    throw new Error(`delivery id must be non-empty visible ASCII, got ${JSON.stringify(deliveryId)}`);
  }
  const ms = at instanceof Date ? at.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError('signDelivery: `at` is not a valid Date');
  const body = JSON.stringify(payload) as string | undefined;
  if (body === undefined) throw new TypeError('signDelivery: payload does not serialise to JSON');

  const timestamp = String(Math.floor(ms / 1000));
  const signature = createHmac('sha256', key).update(`${deliveryId}.${timestamp}.${body}`, 'utf8').digest('base64');
  return {
    headers: {
      'webhook-id': deliveryId,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
      'content-type': 'application/json',
    },
    body,
  };
}
