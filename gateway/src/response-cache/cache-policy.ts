import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';

/**
 * The cache policy of every query: PRIVATE (cached per access scope, never shared between scopes) for `ttlSeconds`.
 * The gateway sets it itself: its executor runs no field resolvers (no `@cacheControl` hints), and subgraph
 * Cache-Control headers are not honoured (signed-data-source.ts). Mutations keep no policy, so they are never cached.
 *
 * Clients are still told `Cache-Control: no-store`, as without the cache: the gateway's cache is invalidated when the
 * data changes (data-versions.ts), a browser's or a proxy's would not be. (Apollo's own header calculation is off
 * while the cache is on: see index.ts.)
 */
export function cachePolicyPlugin(ttlSeconds: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ operation, overallCachePolicy }) {
          if (operation.operation === 'query') overallCachePolicy.replace({ maxAge: ttlSeconds, scope: 'PRIVATE' });
        },
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
