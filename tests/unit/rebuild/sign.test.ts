import { createHmac } from 'crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import {
  buildSiteChangedPayload,
  secretKeyBytes,
  signDelivery,
  toStandardWebhooksSecret,
} from '../../../src/plugins/newsroom/server/src/rebuild';

/**
 * signDelivery is checked against the `standardwebhooks` package, an implementation we did not
 * write, so a shared misreading of the spec can't pass. That package rejects timestamps more than
 * five minutes from its own clock, so every signature here is made "now".
 */

// A spec-form secret: whsec_ + base64 of 24 random-looking bytes (fixed so failures reproduce).
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const PLAIN = 'correct horse battery staple';

const payload = buildSiteChangedPayload('msg_test', [
  {
    type: 'article',
    documentId: 'doc1',
    slug: 'first-story',
    action: 'publish',
    createdAt: '2025-01-01T10:00:00.000Z',
  },
  { type: 'rail', documentId: null, slug: null, action: 'rail', railVersion: 7, createdAt: '2025-01-01T10:00:01.000Z' },
], { sequence: 1 });

describe('signDelivery', () => {
  it('produces the Standard Webhooks headers, with the body being JSON.stringify(payload)', () => {
    const at = new Date('2025-01-01T10:00:05.900Z');
    const signed = signDelivery(WHSEC, 'msg_abc', payload, at);
    expect(signed.body).toBe(JSON.stringify(payload));
    expect(signed.headers['webhook-id']).toBe('msg_abc');
    expect(signed.headers['webhook-timestamp']).toBe('1735725605'); // whole seconds, rounded down
    expect(signed.headers['content-type']).toBe('application/json');
    expect(signed.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
  });

  it('matches a hand-computed HMAC of `${id}.${timestamp}.${body}` with the decoded whsec_ bytes', () => {
    const signed = signDelivery(WHSEC, 'msg_abc', { a: 1 }, new Date(1_700_000_000_000));
    const key = Buffer.from(WHSEC.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update('msg_abc.1700000000.{"a":1}').digest('base64');
    expect(signed.headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('is accepted by standardwebhooks Webhook#verify with a whsec_ secret', () => {
    const signed = signDelivery(WHSEC, 'msg_abc', payload, new Date());
    expect(new Webhook(WHSEC).verify(signed.body, signed.headers)).toEqual(payload);
  });

  it('is accepted by Webhook#verify for a plain secret given as whsec_ + base64(utf8)', () => {
    const signed = signDelivery(PLAIN, 'msg_abc', payload, new Date());
    const receiverSecret = toStandardWebhooksSecret(PLAIN);
    expect(receiverSecret).toBe(`whsec_${Buffer.from(PLAIN, 'utf8').toString('base64')}`);
    expect(new Webhook(receiverSecret).verify(signed.body, signed.headers)).toEqual(payload);
    // An ASCII passphrase also matches the package's raw format (code unit = byte for ASCII).
    expect(new Webhook(PLAIN, { format: 'raw' }).verify(signed.body, signed.headers)).toEqual(payload);
  });

  it('signs a non-ASCII plain secret with its UTF-8 bytes', () => {
    const secret = 'pässwörd-ü€';
    const signed = signDelivery(secret, 'msg_abc', payload, new Date());
    expect(secretKeyBytes(secret)).toEqual(Buffer.from(secret, 'utf8'));
    expect(new Webhook(toStandardWebhooksSecret(secret)).verify(signed.body, signed.headers)).toEqual(payload);
  });

  it('leaves a whsec_ secret unchanged when normalising it for receivers', () => {
    expect(toStandardWebhooksSecret(WHSEC)).toBe(WHSEC);
  });

  it('is rejected for a tampered body', () => {
    const signed = signDelivery(WHSEC, 'msg_abc', payload, new Date());
    const tampered = signed.body.replace('first-story', 'other-story');
    expect(tampered).not.toBe(signed.body);
    expect(() => new Webhook(WHSEC).verify(tampered, signed.headers)).toThrow(WebhookVerificationError);
  });

  it('is rejected for a tampered webhook-id', () => {
    const signed = signDelivery(WHSEC, 'msg_abc', payload, new Date());
    const headers = { ...signed.headers, 'webhook-id': 'msg_abd' };
    expect(() => new Webhook(WHSEC).verify(signed.body, headers)).toThrow(WebhookVerificationError);
  });

  it('is rejected with a wrong secret, in either form', () => {
    const signed = signDelivery(WHSEC, 'msg_abc', payload, new Date());
    expect(() => new Webhook('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').verify(signed.body, signed.headers)).toThrow(
      WebhookVerificationError
    );
    const plainSigned = signDelivery(PLAIN, 'msg_abc', payload, new Date());
    expect(() =>
      new Webhook(toStandardWebhooksSecret(`${PLAIN}!`)).verify(plainSigned.body, plainSigned.headers)
    ).toThrow(WebhookVerificationError);
  });

  it('keeps the webhook-id when a retry re-signs the same delivery later, with a fresh timestamp', () => {
    const now = Date.now();
    const first = signDelivery(WHSEC, 'msg_retry', payload, new Date(now - 120_000));
    const retry = signDelivery(WHSEC, 'msg_retry', payload, new Date(now));
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(retry.body).toBe(first.body);
    expect(Number(retry.headers['webhook-timestamp']) - Number(first.headers['webhook-timestamp'])).toBe(120);
    expect(retry.headers['webhook-signature']).not.toBe(first.headers['webhook-signature']);
    const receiver = new Webhook(WHSEC);
    expect(receiver.verify(first.body, first.headers)).toEqual(payload);
    expect(receiver.verify(retry.body, retry.headers)).toEqual(payload);
  });

  it('refuses unusable secrets without echoing them', () => {
    expect(() => signDelivery('', 'msg_a', payload, new Date())).toThrow('webhook secret is empty');
    expect(() => signDelivery('s3cret\n', 'msg_a', payload, new Date())).toThrow(
      'webhook secret has leading or trailing whitespace'
    );
    let message = '';
    try {
      signDelivery('whsec_not*base64', 'msg_a', payload, new Date());
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('webhook secret starts with "whsec_" but the rest is not valid base64');
    expect(() => signDelivery('whsec_', 'msg_a', payload, new Date())).toThrow('not valid base64');
    expect(() => signDelivery('whsec_YWI', 'msg_a', payload, new Date())).toThrow('not valid base64'); // unpadded
  });

  it('refuses a bad delivery id, date or payload', () => {
    expect(() => signDelivery(WHSEC, '', payload, new Date())).toThrow('delivery id');
    expect(() => signDelivery(WHSEC, 'msg a', payload, new Date())).toThrow('delivery id');
    expect(() => signDelivery(WHSEC, 'msg_a', payload, new Date('nope'))).toThrow(RangeError);
    expect(() => signDelivery(WHSEC, 'msg_a', undefined, new Date())).toThrow(TypeError);
  });
});
