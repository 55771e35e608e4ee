import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { type DocumentNode, GraphQLError, type GraphQLSchema, type ValidationRule, validate } from 'graphql';
import { LRUCache } from 'lru-cache';
import { type Tier, tierOf } from '../auth/tier.ts';
import type { GatewayContext } from '../context.ts';
import type { OperationLimits } from '../limits.ts';

/** Stable `extensions.code` of each limit. */
export const LIMIT_CODES = {
  tokens: 'TOKEN_LIMIT_EXCEEDED',
  depth: 'DEPTH_LIMIT_EXCEEDED',
  aliases: 'ALIAS_LIMIT_EXCEEDED',
  directives: 'DIRECTIVE_LIMIT_EXCEEDED',
} as const;
export type LimitCode = (typeof LIMIT_CODES)[keyof typeof LIMIT_CODES];

export interface LimitViolation {
  readonly code: LimitCode;
  readonly message: string;
}

/** GraphQL Armor prefixes its messages "Syntax Error: "; ours say what was exceeded and for whom. */
const reason = (error: GraphQLError) => error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '');

/** GraphQL Armor's rules for one tier's limits, reporting each violation instead of throwing. */
export function limitRules(limits: OperationLimits, report: (code: LimitCode, error: GraphQLError) => void): ValidationRule[] {
  const on = (code: LimitCode) => ({ propagateOnRejection: false, onReject: [(_: unknown, error: GraphQLError) => report(code, error)] });
  return [
    maxDepthRule({ n: limits.depth, ...on(LIMIT_CODES.depth) }),
    maxAliasesRule({ n: limits.aliases, ...on(LIMIT_CODES.aliases) }),
    maxDirectivesRule({ n: limits.directives, ...on(LIMIT_CODES.directives) }),
  ] as ValidationRule[];
}

/** Every limit a document exceeds (tokens first: a document over its token limit is not measured further). */
export function checkOperationLimits(schema: GraphQLSchema, document: DocumentNode, source: string, limits: OperationLimits, tier: Tier): LimitViolation[] {
  const violations: LimitViolation[] = [];
  const report = (code: LimitCode, error: GraphQLError) => {
    if (!violations.some((v) => v.code === code)) violations.push({ code, message: `${reason(error)} (limit for ${WHO[tier]})` });
  };
  try {
    new MaxTokensParserWLexer(source, { n: limits.tokens, propagateOnRejection: true }).parseDocument();
  } catch (error) {
    if (!(error instanceof GraphQLError) || !/Token limit/.test(error.message)) throw error;
    report(LIMIT_CODES.tokens, error);
    return violations;
  }
  validate(schema, document, limitRules(limits, report));
  return violations;
}

const WHO: Record<Tier, string> = {
  anonymous: 'anonymous callers; signed-in users have higher limits',
  staff: 'organisation staff',
  analyst: 'analysts',
  admin: 'administrators',
};

/**
 * Limits for ad-hoc operations, per tier of the caller (anonymous, staff, analyst, admin): token count, depth, aliases
 * and directives, measured with GraphQL Armor (the cost budget is demand control's: demand-control.ts). Apollo's
 * validation rules are the same for every request, so the tier's rules run here, on the parsed and validated document,
 * once the caller is known; the first limit exceeded is answered (HTTP 400) with its code: TOKEN_LIMIT_EXCEEDED,
 * DEPTH_LIMIT_EXCEEDED, ALIAS_LIMIT_EXCEEDED or DIRECTIVE_LIMIT_EXCEEDED. Results are cached per schema (a new
 * supergraph served starts a new cache; requests on the old one keep theirs), document and tier.
 */
export function operationLimitsPlugin(limitsByTier: Readonly<Record<Tier, OperationLimits>>): ApolloServerPlugin<GatewayContext> {
  const bySchema = new WeakMap<GraphQLSchema, LRUCache<string, readonly LimitViolation[]>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, source, queryHash, schema }) {
          let seen = bySchema.get(schema);
          if (!seen) bySchema.set(schema, (seen = new LRUCache({ max: 5000 })));
          const tier = tierOf(contextValue.identity);
          const key = `${tier}:${queryHash}`;
          let violations = seen.get(key);
          if (!violations) {
            violations = checkOperationLimits(schema, document, source, limitsByTier[tier], tier);
            seen.set(key, violations);
          }
          const [first] = violations;
          if (first) throw new GraphQLError(first.message, { extensions: { code: first.code, http: { status: 400 } } });
        },
      };
    },
  };
}
