import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type OperationLabels, safeErrorCode } from './operation-label.ts';
import { recordOfContext } from './request-record.ts';

/** A subgraph name as it may appear in a metric label (the registry's names are lower-case words with dashes). */
const SUBGRAPH_NAME = /^[a-z][a-z0-9-]{0,40}$/;

/**
 * Fills the request's record (request-record.ts) from Apollo Server: the operation's name and type once it passed
 * validation (bounded by `labels`), whether the answer carries data, each error's code (and `serviceName` at the
 * gateway), and whether a query was answered from the response cache (HIT, else MISS: meaningful only while it is on).
 */
export function recordPlugin<C extends BaseContext>(labels: OperationLabels): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const record = recordOfContext(contextValue);
      if (!record) return;
      return {
        async didResolveOperation({ operationName, operation }) {
          record.operation = labels.of(operationName);
          record.type = operation?.operation ?? 'none';
        },
        async willSendResponse({ response, metrics, operation }) {
          if (operation?.operation === 'query') record.cache = metrics.responseCacheHit ? 'HIT' : 'MISS';
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          record.hasData = data !== null && data !== undefined;
          for (const error of errors ?? []) {
            const service = error.extensions?.serviceName;
            record.errors.push({ code: safeErrorCode(error.extensions?.code), subgraph: typeof service === 'string' && SUBGRAPH_NAME.test(service) ? service : undefined });
          }
        },
      };
    },
  };
}
