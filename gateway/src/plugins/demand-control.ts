import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { type Tier, tierOf } from '../auth/tier.ts';
import type { GatewayContext } from '../context.ts';
import type { CostDirectives } from '../demand/cost-directives.ts';
import { type CostEstimate, estimateCost, type ListFactor } from '../demand/estimate-cost.ts';
import type { OperationLimits } from '../limits.ts';

export const COST_LIMIT_EXCEEDED = 'COST_LIMIT_EXCEEDED';

const WHO: Record<Tier, string> = {
  anonymous: 'anonymous callers (signing in raises it)',
  staff: 'organisation staff',
  analyst: 'analysts',
  admin: 'administrators',
};

const n = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-GB') : 'unbounded');

/** What to do instead: page the list that multiplies the cost most, or select it at fewer levels. */
export function pagingAdvice(estimate: CostEstimate, budget: number): string {
  const [top] = estimate.lists;
  if (!top) return 'Select fewer fields, or split the question into several smaller queries.';
  const what = describe(top);
  if (top.slicingArgument) {
    // Cost grows about linearly with the page: the page that would fit the budget.
    const fits = Math.max(1, Math.floor((top.size * budget) / Math.max(estimate.cost, 1)));
    return `Most of it is ${what}. Ask for smaller pages: \`${top.slicingArgument}: ${Math.min(fits, top.size)}\` or less fits the budget, and follow with the next pages (\`after:\`) where the field has them.`;
  }
  return (
    `Most of it is ${what}. Select that list at fewer levels of nesting (each level multiplies the cost by its size), ` +
    'or page through the items you need with a paged field such as `schools(filter:, first:, after:)` and ask about each in its own request.'
  );
}

const describe = (l: ListFactor): string => {
  const size = l.source === 'argument' ? `${l.size} asked for` : l.source === 'cap' ? `${l.size}, its largest page` : `about ${l.size} each`;
  const times = l.occurrences > 1 ? `, nested or repeated ${l.occurrences} times (×${n(l.multiplier)})` : '';
  return `the list ${l.coordinate} (${size}${times})`;
};

export interface DemandControlOptions {
  /** The annotations of the supergraph being served (asked for on each request: a new supergraph brings its own). */
  readonly directives: () => CostDirectives;
  readonly limitsByTier: Readonly<Record<Tier, Pick<OperationLimits, 'cost'>>>;
}

/**
 * Demand control before execution: the operation's static cost (demand/estimate-cost.ts, from the `@cost` and
 * `@listSize` declared in the subgraph SDLs) against the caller's tier's budget. Over it, the request ends here —
 * before the query plan runs or any subgraph is called — with HTTP 400, `extensions.code` COST_LIMIT_EXCEEDED, the
 * estimate (`extensions.cost`), the budget (`extensions.budget`) and a message saying which list to page and how.
 * Estimates are cached per document, operation and variables.
 */
export function demandControlPlugin({ directives, limitsByTier }: DemandControlOptions): ApolloServerPlugin<GatewayContext> {
  // Per supergraph's annotations: a supergraph served anew starts with no estimates.
  const caches = new WeakMap<CostDirectives, LRUCache<string, CostEstimate | GraphQLError>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, request, queryHash, operationName, schema }) {
          const variables = request.variables && Object.keys(request.variables).length > 0 ? JSON.stringify(request.variables) : '';
          const key = `${queryHash}\u0000${operationName ?? ''}\u0000${variables}`;
          const served = directives();
          let estimates = caches.get(served);
          if (!estimates) caches.set(served, (estimates = new LRUCache({ max: 5000 })));
          let estimate = estimates.get(key);
          if (!estimate) {
            try {
              estimate = estimateCost(schema, document, { directives: served, variables: request.variables, operationName });
            } catch (error) {
              if (!(error instanceof GraphQLError)) throw error;
              // Variables that do not coerce, or a fragment spread beyond the node bound: refused before execution too.
              const tooBig = /maximum allowed number of nodes/.test(error.message);
              estimate = new GraphQLError(tooBig ? `${error.message}: the operation is too large to run` : error.message, {
                extensions: { ...error.extensions, code: tooBig ? COST_LIMIT_EXCEEDED : (error.extensions.code ?? 'BAD_USER_INPUT'), http: { status: 400 } },
              });
            }
            estimates.set(key, estimate);
          }
          if (estimate instanceof GraphQLError) throw estimate;
          const tier = tierOf(contextValue.identity);
          const budget = limitsByTier[tier].cost;
          if (estimate.cost <= budget) return;
          throw new GraphQLError(
            `This operation's estimated cost is ${n(estimate.cost)}, over the budget of ${n(budget)} for ${WHO[tier]}. ${pagingAdvice(estimate, budget)}`,
            { extensions: { code: COST_LIMIT_EXCEEDED, cost: estimate.cost, budget, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
