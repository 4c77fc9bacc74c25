import { newDeliveryId } from '../../../src/plugins/newsroom/server/src/rebuild';

describe('newDeliveryId', () => {
  it('is msg_ + 32 hex characters', () => {
    expect(newDeliveryId()).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it('does not repeat over 10 000 ids', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newDeliveryId()));
    expect(ids.size).toBe(10_000);
  });
});
