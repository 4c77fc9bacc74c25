import { DEFAULT_RAIL_LIMIT, resolveRailConfig } from '../../../src/plugins/newsroom/server/src/rail';

describe('resolveRailConfig', () => {
  it('fills in the defaults when nothing is set', () => {
    expect(resolveRailConfig()).toEqual({ defaultLimit: DEFAULT_RAIL_LIMIT, cacheControl: 'public, max-age=30, stale-while-revalidate=60', assembleDelayMs: 250 });
    expect(resolveRailConfig({ defaultLimit: '', cacheControl: '', assembleDelayMs: '' })).toEqual(resolveRailConfig());
  });

  it('takes integers as numbers or as strings from the environment', () => {
    expect(resolveRailConfig({ defaultLimit: 8, assembleDelayMs: '0', cacheControl: 'no-store' })).toEqual({
      defaultLimit: 8,
      assembleDelayMs: 0,
      cacheControl: 'no-store',
    });
    expect(resolveRailConfig({ defaultLimit: ' 100 ' }).defaultLimit).toBe(100);
    expect(resolveRailConfig({ defaultLimit: '1' }).defaultLimit).toBe(1);
  });

  it.each([
    [{ defaultLimit: Number.NaN }, /defaultLimit \(RAIL_DEFAULT_LIMIT\) must be an integer from 1 to 100, got "not a number"/],
    [{ defaultLimit: 'twenty' }, /RAIL_DEFAULT_LIMIT.*got "twenty"/],
    [{ defaultLimit: 0 }, /RAIL_DEFAULT_LIMIT.*from 1 to 100, got 0/],
    [{ defaultLimit: 101 }, /RAIL_DEFAULT_LIMIT.*got 101/],
    [{ defaultLimit: '2.5' }, /RAIL_DEFAULT_LIMIT/],
    [{ assembleDelayMs: -1 }, /assembleDelayMs \(RAIL_ASSEMBLE_DELAY_MS\) must be an integer >= 0, got -1/],
    [{ cacheControl: 'public\r\nSet-Cookie: a=b' }, /RAIL_CACHE_CONTROL.*one line/],
  ])('refuses %j, naming the setting', (input, message) => {
    expect(() => resolveRailConfig(input)).toThrow(message);
  });
});
