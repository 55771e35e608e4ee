import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { ResponseCacheConfig } from '../config.ts';
import type { GatewayContext } from '../context.ts';
import type { CurrentSupergraph } from '../supergraph/index.ts';
import { cachePolicyPlugin } from './cache-policy.ts';
import { cacheStatusPlugin } from './cache-status.ts';
import { DataVersions } from './data-versions.ts';
import { readYourWritesPlugin } from './read-your-writes.ts';
import { responseCachePlugin } from './response-cache.ts';

export { CACHE_STATUS_HEADER } from './cache-status.ts';

export interface RunningResponseCache {
  /** The plugins, in order, for Apollo Server's plugin list. */
  readonly plugins: ApolloServerPlugin<GatewayContext>[];
  readonly versions: DataVersions;
  /** Resolves once every subgraph of the supergraph served now has been asked for its version (after the gateway loaded). */
  ready(): Promise<void>;
  /** Stops polling. */
  close(): void;
}

/**
 * The optional response cache (gateway/README.md, "Response cache"), started by server.ts only when
 * `config.ttlSeconds` is above 0 (nothing of it is loaded otherwise): polls the data version of every subgraph of the
 * supergraph served, and follows it when the gateway serves another (the supergraph's hash is part of every key).
 */
export async function startResponseCache(config: ResponseCacheConfig, supergraph: CurrentSupergraph, secret: string): Promise<RunningResponseCache> {
  const versions = new DataVersions({ subgraphUrls: {}, secret, pollMs: config.pollMs });
  let asked = Promise.resolve();
  const follow = () => {
    const served = supergraph.current;
    if (served) asked = versions.setSubgraphs(Object.fromEntries(served.subgraphs.map((s) => [s.name, s.url])), served.hash);
  };
  follow();
  const unsubscribe = supergraph.onChange(follow);
  await versions.start();
  return {
    plugins: [
      // Apollo's Cache-Control header would tell clients they may keep answers for the TTL: cache-policy.ts sends no-store.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      cachePolicyPlugin(config.ttlSeconds),
      responseCachePlugin(versions, config.maxMb),
      readYourWritesPlugin(versions),
      cacheStatusPlugin(),
    ],
    versions,
    ready: () => asked,
    close: () => {
      unsubscribe();
      versions.close();
    },
  };
}
