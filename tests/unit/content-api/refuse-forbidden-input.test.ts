import { jsonDepth, refuseForbiddenInput } from '../../../src/plugins/newsroom/server/src/content-api/refuse-forbidden-input';

const ARTICLE = {
  uid: 'api::article.article',
  attributes: { title: { type: 'string' }, body: { type: 'blocks' }, removedChrome: { type: 'json', private: true } },
};

function nestedList(depth: number): unknown {
  let node: unknown = { type: 'text', text: 'x' };
  for (let i = 0; i < depth; i += 1) node = { type: 'list-item', children: [node] };
  return [{ type: 'list', format: 'unordered', children: [node] }];
}

describe('jsonDepth', () => {
  it('measures nesting and stops early', () => {
    expect(jsonDepth('x', 10)).toBe(0);
    expect(jsonDepth({ a: [1] }, 10)).toBe(2);
    expect(jsonDepth(nestedList(100_000), 50)).toBe(51);
  });
});

describe('refuseForbiddenInput', () => {
  it('passes ordinary input through unchanged', async () => {
    const data = { title: 'A story', body: nestedList(3) };
    await expect(refuseForbiddenInput(ARTICLE)(data)).resolves.toBe(data);
  });

  it('refuses a private field, naming it', async () => {
    await expect(refuseForbiddenInput(ARTICLE)({ title: 'x', removedChrome: [] })).rejects.toThrow(
      'removedChrome is set by the newsroom plugin and cannot be written through the API',
    );
  });

  it('refuses the public fields the plugin sets itself', async () => {
    const schema = { ...ARTICLE, attributes: { ...ARTICLE.attributes, firstPublishedAt: { type: 'datetime' }, truncated: { type: 'boolean' } } };
    await expect(refuseForbiddenInput(schema)({ firstPublishedAt: '2020-01-01T00:00:00.000Z' })).rejects.toThrow(/firstPublishedAt is set by the newsroom plugin/);
    await expect(refuseForbiddenInput(schema)({ truncated: false })).rejects.toThrow(/truncated is set by the newsroom plugin/);
  });

  it('refuses a blocks body nested past the limit without overflowing the stack', async () => {
    await expect(refuseForbiddenInput(ARTICLE)({ body: nestedList(200_000) })).rejects.toThrow(/body is nested too deeply/);
  });

  it("leaves other plugins' types alone", async () => {
    const user = { uid: 'plugin::users-permissions.user', attributes: { password: { type: 'password', private: true } } };
    const data = { password: 'secret' };
    await expect(refuseForbiddenInput(user)(data)).resolves.toBe(data);
  });
});
