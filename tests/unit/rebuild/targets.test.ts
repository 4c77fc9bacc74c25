import { parseTargets } from '../../../src/plugins/newsroom/server/src/rebuild';

describe('parseTargets', () => {
  it('is empty for unset, empty or blank input', () => {
    expect(parseTargets(undefined)).toEqual([]);
    expect(parseTargets('')).toEqual([]);
    expect(parseTargets(' ,\n\t, ')).toEqual([]);
  });

  it('reads comma and/or whitespace separated http(s) URLs, in order', () => {
    expect(
      parseTargets('https://a.example/hooks/rebuild, http://b.example:8080/x\nhttps://c.example/y  https://d.example')
    ).toEqual([
      { url: 'https://a.example/hooks/rebuild' },
      { url: 'http://b.example:8080/x' },
      { url: 'https://c.example/y' },
      { url: 'https://d.example/' },
    ]);
  });

  it('keeps query strings (some receivers route on them)', () => {
    expect(parseTargets('https://api.netlify.example/build_hooks/abc?trigger_title=cms')).toEqual([
      { url: 'https://api.netlify.example/build_hooks/abc?trigger_title=cms' },
    ]);
  });

  it('dedupes, also after normalisation (host case, default port, fragment, trailing root slash)', () => {
    expect(
      parseTargets(
        'https://a.example/hook,https://a.example/hook https://A.EXAMPLE:443/hook#x https://b.example https://b.example/'
      )
    ).toEqual([{ url: 'https://a.example/hook' }, { url: 'https://b.example/' }]);
  });

  it('keeps URLs that differ in path, scheme or port apart', () => {
    expect(
      parseTargets('https://a.example/one https://a.example/two http://a.example/one https://a.example:8443/one')
    ).toHaveLength(4);
  });

  it('refuses a non-http(s) URL, naming the entry', () => {
    expect(() => parseTargets('https://ok.example, ftp://files.example/hook')).toThrow(
      'REBUILD_WEBHOOK_URLS: "ftp://files.example/hook" is not an http(s) URL (scheme ftp)'
    );
    expect(() => parseTargets('javascript:alert(1)')).toThrow('"javascript:alert(1)" is not an http(s) URL');
  });

  it('refuses something that is not an absolute URL, naming the entry', () => {
    expect(() => parseTargets('https://ok.example example.com/hook')).toThrow(
      'REBUILD_WEBHOOK_URLS: "example.com/hook" is not a valid absolute URL'
    );
    expect(() => parseTargets('/relative/path')).toThrow('"/relative/path" is not a valid absolute URL');
  });

  it('refuses credentials in a URL without printing them', () => {
    let message = '';
    try {
      parseTargets('https://user:hunter2@a.example/hook');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'REBUILD_WEBHOOK_URLS: "https://***:***@a.example/hook" contains credentials; remove them from the URL'
    );
    expect(message).not.toContain('hunter2');
  });
});
