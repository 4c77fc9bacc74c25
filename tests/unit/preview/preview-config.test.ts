import { DEFAULT_PREVIEW_LINK_TTL_SECONDS, resolvePreviewConfig } from '../../../src/plugins/newsroom/server/src/preview/config';

describe('resolvePreviewConfig', () => {
  it('renders previews itself, with hour-long links, when nothing is set', () => {
    expect(resolvePreviewConfig({ url: '', secret: '', linkTtlSeconds: '' })).toEqual({ frontendUrl: null, secret: null, linkTtlSeconds: DEFAULT_PREVIEW_LINK_TTL_SECONDS });
    expect(DEFAULT_PREVIEW_LINK_TTL_SECONDS).toBe(3600);
  });

  it("takes a frontend's http(s) preview route, its secret and a link lifetime", () => {
    const config = resolvePreviewConfig({ url: 'https://frontend.example/api/preview', secret: 's3cret', linkTtlSeconds: '600' });
    expect(config.frontendUrl?.href).toBe('https://frontend.example/api/preview');
    expect(config).toMatchObject({ secret: 's3cret', linkTtlSeconds: 600 });
  });

  it('refuses a PREVIEW_URL that is not an http(s) URL, naming the variable', () => {
    expect(() => resolvePreviewConfig({ url: 'frontend.example' })).toThrow('PREVIEW_URL must be an http(s) URL, got "frontend.example"');
    expect(() => resolvePreviewConfig({ url: 'javascript:alert(1)' })).toThrow(/^PREVIEW_URL must be an http\(s\) URL/);
  });

  it('refuses a link lifetime under a minute or not a whole number of seconds', () => {
    expect(() => resolvePreviewConfig({ linkTtlSeconds: '30' })).toThrow(/^PREVIEW_LINK_TTL_SECONDS must be a whole number of seconds, at least 60/);
    expect(() => resolvePreviewConfig({ linkTtlSeconds: 'an hour' })).toThrow(/^PREVIEW_LINK_TTL_SECONDS/);
  });
});
