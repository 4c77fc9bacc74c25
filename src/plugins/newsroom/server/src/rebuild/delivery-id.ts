import { randomBytes } from 'crypto';

/**
 * A new delivery id: "msg_" (the spec's convention) + 128 random bits in hex. Random rather than
 * derived from the batch, so two batches with identical contents are still two deliveries.
 */
export function newDeliveryId(): string {
  return `msg_${randomBytes(16).toString('hex')}`;
}
