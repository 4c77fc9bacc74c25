import type { Core } from '@strapi/strapi';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { GraphQLError, getNamedType, isLeafType, type ValidationRule } from 'graphql';
import type { EdgeConfig } from './content-api/edge-config';
import { getPluginService } from './utils/plugin';

interface PageSizes {
  defaultLimit: number;
  maxLimit: number;
  /** Cards `latestRail` answers without a limit (RAIL_DEFAULT_LIMIT). */
  railLimit: () => number;
}

const limitError = (message: string, code: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/** Refuses a document of more lexical tokens than the limit; the lexer stops at the limit. */
function maxTokensRule(tokens: number): ValidationRule {
  return (context) => {
    const source = context.getDocument().loc?.source;
    if (source) {
      try {
        new MaxTokensParserWLexer(source, { n: tokens }).parseDocument();
      } catch {
        context.reportError(limitError(`the query has more than ${tokens} tokens (GRAPHQL_TOKEN_LIMIT)`, 'GRAPHQL_TOKEN_LIMIT'));
      }
    }
    return {};
  };
}

/**
 * Counts the objects a query may return: a field that pages (a list, a `_connection`, or the rail's
 * `limit`) counts its page size times what each item holds, so nested lists multiply; scalars are
 * free. The page size is what the arguments ask for, else the default, never above the maximum.
 */
function objectCountEstimator({ defaultLimit, maxLimit, railLimit }: PageSizes): ComplexityEstimator {
  // Lists without paging arguments (a connection's nodes, the rail's cards) count once: their size is the parent's.
  return ({ field, args, childComplexity }) => {
    if (isLeafType(getNamedType(field.type))) return 0;
    const pagination = (args.pagination ?? {}) as { limit?: number; pageSize?: number };
    const pages = field.args.some((arg) => arg.name === 'pagination');
    const isRail = field.name === 'latestRail';
    let size = 1;
    if (isRail) size = Math.min(Number(args.limit ?? railLimit()), maxLimit);
    else if (pages) size = Math.min(Number(pagination.limit ?? pagination.pageSize ?? defaultLimit), maxLimit);
    return Math.max(size, 1) * (1 + childComplexity);
  };
}

/**
 * Bounds what one GraphQL request may cost, beyond the depth and per-list limits Strapi has:
 * aliases, tokens, and the objects nested lists multiply to. Wired into the graphql plugin's
 * Apollo configuration before it boots; each refusal names its limit and variable.
 */
export function wireGraphqlLimits(strapi: Core.Strapi): void {
  if (!strapi.plugin('graphql')) return;
  const limits: EdgeConfig['graphql'] = getPluginService(strapi, 'contentApi').config().graphql;
  const pageSizes: PageSizes = {
    defaultLimit: Number(strapi.config.get('plugin::graphql.defaultLimit', 25)),
    maxLimit: Number(strapi.config.get('plugin::graphql.maxLimit', 100)),
    railLimit: () => getPluginService(strapi, 'rail').config().defaultLimit,
  };
  const estimators = [objectCountEstimator(pageSizes)];

  const costPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }: { request: { variables?: Record<string, unknown>; operationName?: string | null }; document: import('graphql').DocumentNode; schema: import('graphql').GraphQLSchema }) {
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: request.operationName ?? undefined,
            estimators,
          });
          if (cost > limits.cost) {
            throw limitError(`the query may return ${cost} objects; at most ${limits.cost} are allowed (GRAPHQL_COST_LIMIT)`, 'GRAPHQL_COST_LIMIT');
          }
        },
      };
    },
  };

  // Reported on the validation context (a 400), not thrown (Apollo would answer a thrown rule with 500).
  const aliasesRule = maxAliasesRule({
    n: limits.aliases,
    propagateOnRejection: false,
    onReject: [
      (context) =>
        context?.reportError(limitError(`the query has more than ${limits.aliases} aliases (GRAPHQL_ALIAS_LIMIT)`, 'GRAPHQL_ALIAS_LIMIT')),
    ],
  }) as unknown as ValidationRule;

  const apollo = (strapi.config.get('plugin::graphql.apolloServer') ?? {}) as { validationRules?: unknown[]; plugins?: unknown[] };
  strapi.config.set('plugin::graphql.apolloServer', {
    ...apollo,
    validationRules: [...(apollo.validationRules ?? []), aliasesRule, maxTokensRule(limits.tokens)],
    plugins: [...(apollo.plugins ?? []), costPlugin],
  });
}
