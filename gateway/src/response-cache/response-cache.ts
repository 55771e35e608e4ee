import type { ApolloServerPlugin } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { accessScope } from '../access-scope.ts';
import type { GatewayContext } from '../context.ts';
import type { DataVersions } from './data-versions.ts';

/**
 * Apollo's full-response cache (`@apollo/server-plugin-response-cache`) over an in-memory LRU of at most `maxMb` MiB.
 * An answer is keyed by the query text, operation name and variables (the plugin's own key), the caller's access scope
 * (`sessionId`: the policy is PRIVATE, see cache-policy.ts) and the data version of every subgraph at the time the
 * request started (`extraCacheKeyData`): a change in any subgraph's data makes every older entry unreachable. Only
 * queries answered without errors are written (the plugin's rules).
 *
 * While any subgraph's version is unknown nothing is read from or written to the cache; an answer is not written
 * either when the versions changed while it was computed (no one could read it).
 */
export function responseCachePlugin(versions: DataVersions, maxMb: number): ApolloServerPlugin<GatewayContext> {
  // The version vector each request started with (its requests are keyed with it).
  const started = new WeakMap<object, string | null>();
  return ApolloServerPluginResponseCache<GatewayContext>({
    cache: new InMemoryLRUCache({ maxSize: maxMb * 2 ** 20 }),
    sessionId: async ({ contextValue }) => accessScope(contextValue.identity),
    extraCacheKeyData: async ({ request }) => {
      const vector = versions.current();
      started.set(request, vector);
      return vector;
    },
    shouldReadFromCache: async ({ request }) => typeof started.get(request) === 'string',
    shouldWriteToCache: async ({ request }) => {
      const vector = started.get(request);
      return typeof vector === 'string' && vector === versions.current();
    },
  });
}
