import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';

/** Tells whether a query was answered from the response cache: `HIT` or `MISS` (absent on mutations). */
export const CACHE_STATUS_HEADER = 'x-response-cache';

/**
 * Sets CACHE_STATUS_HEADER on every query's answer while the cache is on. A hit also carries Apollo's `Age` header
 * (seconds since the answer was cached).
 */
export function cacheStatusPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, metrics, response }) {
          if (operation?.operation !== 'query') return;
          response.http.headers.set(CACHE_STATUS_HEADER, metrics.responseCacheHit ? 'HIT' : 'MISS');
        },
      };
    },
  };
}
