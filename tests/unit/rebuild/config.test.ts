import {
  DEFAULT_RETRY_POLICY,
  DEFAULT_WINDOW,
  DEV_REBUILD_WEBHOOK_SECRET,
  MissingRebuildSecretError,
  assertProductionRebuildSecret,
  rebuildWebhookSecret,
  resolveRebuildConfig,
} from '../../../src/plugins/newsroom/server/src/rebuild';

describe('resolveRebuildConfig', () => {
  it('fills in the documented defaults', () => {
    const config = resolveRebuildConfig({});
    expect(config).toEqual({
      urls: [],
      secret: DEV_REBUILD_WEBHOOK_SECRET,
      window: { quietMs: 5_000, maxWaitMs: 60_000 },
      retry: { maxAttempts: 8, baseDelayMs: 60_000, maxDelayMs: 3_600_000, jitter: 'full' },
      timeoutMs: 10_000,
      pollIntervalMs: 1_000,
      leaseMs: 60_000,
      dispatch: true,
      maxChanges: 1_000,
      retentionMs: 21 * 24 * 60 * 60_000,
    });
    expect(config.window).toEqual(DEFAULT_WINDOW);
    expect(config.retry).toEqual(DEFAULT_RETRY_POLICY);
  });

  it('reads numbers and booleans given as env strings, and normalises the URLs', () => {
    const config = resolveRebuildConfig({
      urls: 'https://Build.Example.com:443/hook, http://127.0.0.1:8080/a https://build.example.com/hook',
      secret: 'a passphrase',
      window: { quietMs: '250', maxWaitMs: '1000' },
      retry: { maxAttempts: '3', baseDelayMs: '10', maxDelayMs: '40', jitter: 'none' },
      timeoutMs: '500',
      pollIntervalMs: '20',
      leaseMs: '2000',
      dispatch: 'false',
    });
    expect(config.urls).toEqual(['https://build.example.com/hook', 'http://127.0.0.1:8080/a']);
    expect(config.window).toEqual({ quietMs: 250, maxWaitMs: 1000 });
    expect(config.retry).toEqual({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40, jitter: 'none' });
    expect([config.timeoutMs, config.pollIntervalMs, config.leaseMs, config.dispatch]).toEqual([500, 20, 2000, false]);
  });

  it('keeps the lease longer than an attempt when only the timeout is raised', () => {
    expect(resolveRebuildConfig({ timeoutMs: 45_000 }).leaseMs).toBe(90_000);
  });

  it.each([
    [{ window: { quietMs: '-1' } }, /window.quietMs/],
    [{ window: { quietMs: 5000, maxWaitMs: 1000 } }, /maxWaitMs .* must be >= window.quietMs/],
    [{ retry: { maxAttempts: '2.5' } }, /maxAttempts must be an integer/],
    [{ retry: { maxAttempts: 0 } }, /maxAttempts must be a number >= 1/],
    [{ maxChanges: '0' }, /maxChanges must be a number >= 1/],
    [{ retentionDays: 'a month' }, /retentionDays must be a number >= 1/],
    [{ retry: { baseDelayMs: 100, maxDelayMs: 50 } }, /maxDelayMs .* must be >= retry.baseDelayMs/],
    [{ retry: { jitter: 'random' } }, /jitter/],
    [{ timeoutMs: 'ten seconds' }, /timeoutMs must be a number/],
    [{ timeoutMs: 10_000, leaseMs: 10_000 }, /leaseMs .* must be longer than timeoutMs/],
    [{ dispatch: 'maybe' }, /dispatch must be true or false/],
    [{ urls: 'ftp://example.com/hook' }, /REBUILD_WEBHOOK_URLS/],
    [{ secret: 'whsec_not base64!' }, /not valid base64/],
    [{ secret: ' padded ' }, /whitespace/],
  ])('refuses %j', (input, message) => {
    expect(() => resolveRebuildConfig(input as never)).toThrow(message);
  });
});

describe('the production secret check', () => {
  const urls = 'https://build.example.com/hook';

  it('refuses production with targets and no secret, or a placeholder secret', () => {
    expect(() => assertProductionRebuildSecret({ NODE_ENV: 'production', REBUILD_WEBHOOK_URLS: urls })).toThrow(MissingRebuildSecretError);
    for (const secret of ['', 'change-me', DEV_REBUILD_WEBHOOK_SECRET, 'tobemodified']) {
      expect(() => assertProductionRebuildSecret({ NODE_ENV: 'production', REBUILD_WEBHOOK_URLS: urls, REBUILD_WEBHOOK_SECRET: secret })).toThrow(
        /REBUILD_WEBHOOK_SECRET is missing or left at a default value/
      );
    }
  });

  it('accepts production with a real secret, production without targets, and development without a secret', () => {
    expect(() =>
      assertProductionRebuildSecret({ NODE_ENV: 'production', REBUILD_WEBHOOK_URLS: urls, REBUILD_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
    ).not.toThrow();
    expect(() => assertProductionRebuildSecret({ NODE_ENV: 'production', REBUILD_WEBHOOK_URLS: ' ' })).not.toThrow();
    expect(() => assertProductionRebuildSecret({ NODE_ENV: 'development', REBUILD_WEBHOOK_URLS: urls })).not.toThrow();
  });

  it('rebuildWebhookSecret falls back to the labelled development secret only outside production', () => {
    expect(rebuildWebhookSecret({ NODE_ENV: 'development' })).toBe(DEV_REBUILD_WEBHOOK_SECRET);
    expect(rebuildWebhookSecret({ NODE_ENV: 'development', REBUILD_WEBHOOK_SECRET: 'mine' })).toBe('mine');
    expect(() => rebuildWebhookSecret({ NODE_ENV: 'production', REBUILD_WEBHOOK_URLS: urls })).toThrow(MissingRebuildSecretError);
  });
});
