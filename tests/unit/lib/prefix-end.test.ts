import { prefixEnd } from '../../../src/plugins/newsroom/server/src/persistence/dedupe-keys';

// findByPrefix reads the keys k with prefix <= k < prefixEnd(prefix) on SQLite (binary order).
const inRange = (prefix: string, key: string) => key >= prefix && key < prefixEnd(prefix);

describe('prefixEnd', () => {
  it('bounds exactly the keys that start with the prefix', () => {
    const prefix = '9f2c:';
    expect(prefixEnd(prefix)).toBe('9f2c;');
    expect(inRange(prefix, '9f2c:')).toBe(true);
    expect(inRange(prefix, '9f2c:ab12cd')).toBe(true);
    expect(inRange(prefix, '9f2c:zzzz')).toBe(true);
    expect(inRange(prefix, '9f2c')).toBe(false);
    expect(inRange(prefix, '9f2c;')).toBe(false);
    expect(inRange(prefix, '9f2d:ab12cd')).toBe(false);
    expect(inRange(prefix, '9f2b:ab12cd')).toBe(false);
  });
});
