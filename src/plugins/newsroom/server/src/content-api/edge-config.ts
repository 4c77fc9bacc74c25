import { DEFAULT_MAX_PAGE_LINES } from '../page/page-error';

/**
 * The bounds of the public edge: what one request to the content API or GraphQL, and one page
 * sent to ingest, may cost. Every value comes from an environment variable (the plugin's config.ts)
 * and is checked at boot, naming the variable.
 */
export interface EdgeConfig {
  /** REST: deepest populate nesting. */
  populateDepth: number;
  /** REST: most documents one response may hold. */
  populateDocuments: number;
  /** Ingest: most lines one page may have. */
  pageLines: number;
  graphql: {
    /** Most aliases in one operation. */
    aliases: number;
    /** Most lexical tokens in one document. */
    tokens: number;
    /** Most objects one query may return, each list counted at its page size, nested lists multiplied. */
    cost: number;
    /** Largest request body, in bytes. */
    bodyBytes: number;
  };
}

export type EdgeConfigInput = {
  populateDepth?: number | string;
  populateDocuments?: number | string;
  pageLines?: number | string;
  graphql?: Partial<Record<keyof EdgeConfig['graphql'], number | string>>;
};

export const DEFAULT_EDGE_CONFIG: EdgeConfig = {
  populateDepth: 3,
  populateDocuments: 5_000,
  pageLines: DEFAULT_MAX_PAGE_LINES,
  graphql: { aliases: 20, tokens: 5_000, cost: 5_000, bodyBytes: 64 * 1024 },
};

function positiveInteger(variable: string, value: number | string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < 1) {
    throw new RangeError(`${variable} must be a whole number of at least 1, got ${JSON.stringify(Number.isNaN(parsed) && typeof value === 'number' ? 'not a number' : value)}`);
  }
  return parsed;
}

export function resolveEdgeConfig(input: EdgeConfigInput = {}): EdgeConfig {
  const d = DEFAULT_EDGE_CONFIG;
  const g = input.graphql ?? {};
  return {
    populateDepth: positiveInteger('REST_POPULATE_DEPTH_LIMIT', input.populateDepth, d.populateDepth),
    populateDocuments: positiveInteger('REST_POPULATE_DOCUMENT_LIMIT', input.populateDocuments, d.populateDocuments),
    pageLines: positiveInteger('PAGE_LINE_LIMIT', input.pageLines, d.pageLines),
    graphql: {
      aliases: positiveInteger('GRAPHQL_ALIAS_LIMIT', g.aliases, d.graphql.aliases),
      tokens: positiveInteger('GRAPHQL_TOKEN_LIMIT', g.tokens, d.graphql.tokens),
      cost: positiveInteger('GRAPHQL_COST_LIMIT', g.cost, d.graphql.cost),
      bodyBytes: positiveInteger('GRAPHQL_BODY_LIMIT', g.bodyBytes, d.graphql.bodyBytes),
    },
  };
}
