import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, GraphQLError, type GraphQLSchema, getNamedType, getNullableType, isCompositeType, isListType, isObjectType } from 'graphql';

/** What one request may take in a subgraph. */
export interface RequestBoundsConfig {
  /** Objects the request's list fields may resolve in all (MAX_OBJECTS_PER_REQUEST). */
  readonly maxObjects: number;
  /** Milliseconds from the request's start after which no further list is resolved (REQUEST_TIME_LIMIT_MS). */
  readonly timeLimitMs: number;
}

export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';
export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';

class Budget {
  objects = 0;
  readonly deadline: number;
  /** Set once the request went past a bound: every later list field fails at once, and the answer is this error alone. */
  ended: GraphQLError | null = null;
  readonly config: RequestBoundsConfig;
  constructor(config: RequestBoundsConfig) {
    this.config = config;
    this.deadline = Date.now() + config.timeLimitMs;
  }
  end(error: GraphQLError): GraphQLError {
    this.ended ??= error;
    return this.ended;
  }
  count(value: unknown): unknown {
    if (Array.isArray(value)) {
      this.objects += value.length;
      if (this.objects > this.config.maxObjects) {
        throw this.end(
          new GraphQLError(`The answer is too large: more than ${this.config.maxObjects} objects. Ask for smaller pages (first:) or fewer nested lists.`, {
            extensions: { code: RESPONSE_TOO_LARGE },
          }),
        );
      }
    }
    return value;
  }
}

const budgets = new WeakMap<object, Budget>();

/**
 * Bounds every list of objects a subgraph resolves: each list field's resolver is wrapped once, at start, to add its
 * length to the request's count (no per-field plugin hook: one addition per list). Past `maxObjects`, or past the
 * time limit, the field fails with RESPONSE_TOO_LARGE (or REQUEST_TIMEOUT), every list resolved after it fails at
 * once without reading anything, and the answer is that error alone with `data: null` (requestBoundsPlugin), so what
 * was built is dropped instead of being completed and sent. Database work is bounded by PostgreSQL's
 * `statement_timeout` on the subgraph's connections (orm.ts).
 */
export function boundLists(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context, info) => {
        const budget = budgets.get(context);
        if (!budget) return resolve(parent, args, context, info);
        if (budget.ended) throw budget.ended;
        if (Date.now() > budget.deadline) {
          throw budget.end(
            new GraphQLError(`The request took longer than ${budget.config.timeLimitMs} ms. Ask for less at a time.`, { extensions: { code: REQUEST_TIMEOUT } }),
          );
        }
        const value = resolve(parent, args, context, info);
        return value instanceof Promise ? value.then((v) => budget.count(v)) : budget.count(value);
      };
    }
  }
}

/** Starts each request's budget, and answers a request that went past a bound with that error alone. */
export function requestBoundsPlugin(config: RequestBoundsConfig): ApolloServerPlugin<object> {
  return {
    async requestDidStart({ contextValue }) {
      const budget = new Budget(config);
      budgets.set(contextValue, budget);
      return {
        async willSendResponse({ response }) {
          if (!budget.ended || response.body.kind !== 'single') return;
          response.body.singleResult.data = null;
          response.body.singleResult.errors = [{ message: budget.ended.message, extensions: { code: budget.ended.extensions.code } }];
        },
      };
    },
  };
}
