import { DEFAULT_EDGE_CONFIG, resolveEdgeConfig } from '../../../src/plugins/newsroom/server/src/content-api/edge-config';

describe('resolveEdgeConfig', () => {
  it('fills in the defaults', () => {
    expect(resolveEdgeConfig()).toEqual(DEFAULT_EDGE_CONFIG);
    expect(resolveEdgeConfig({ populateDepth: '', graphql: { cost: '' } })).toEqual(DEFAULT_EDGE_CONFIG);
  });

  it('takes whole numbers from the environment', () => {
    const config = resolveEdgeConfig({ populateDepth: '2', pageLines: 300, graphql: { aliases: '5', bodyBytes: '1024' } });
    expect(config.populateDepth).toBe(2);
    expect(config.pageLines).toBe(300);
    expect(config.graphql).toEqual({ ...DEFAULT_EDGE_CONFIG.graphql, aliases: 5, bodyBytes: 1024 });
  });

  it('refuses a value that is not a whole number of at least 1, naming the variable', () => {
    expect(() => resolveEdgeConfig({ pageLines: 'lots' })).toThrow('PAGE_LINE_LIMIT must be a whole number of at least 1, got "lots"');
    expect(() => resolveEdgeConfig({ populateDocuments: '0' })).toThrow(/REST_POPULATE_DOCUMENT_LIMIT/);
    expect(() => resolveEdgeConfig({ graphql: { cost: -5 } })).toThrow(/GRAPHQL_COST_LIMIT/);
  });
});
