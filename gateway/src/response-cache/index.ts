import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { ResponseCacheConfig } from '../config.ts';
import type { GatewayContext } from '../context.ts';
import { cachePolicyPlugin } from './cache-policy.ts';
import { cacheStatusPlugin } from './cache-status.ts';
import type { FollowedDataVersions } from './data-versions.ts';
import { readYourWritesPlugin } from './read-your-writes.ts';
import { responseCachePlugin } from './response-cache.ts';

export { CACHE_STATUS_HEADER } from './cache-status.ts';

export interface RunningResponseCache {
  /** The plugins, in order, for Apollo Server's plugin list. */
  readonly plugins: ApolloServerPlugin<GatewayContext>[];
}

/**
 * The optional response cache (gateway/README.md, "Response cache"), started by server.ts only when
 * `config.ttlSeconds` is above 0 (nothing of it is loaded otherwise), over the data versions of every subgraph of the
 * supergraph served (`followed`: the supergraph's hash is part of every key).
 */
export function startResponseCache(config: ResponseCacheConfig, followed: FollowedDataVersions): RunningResponseCache {
  const { versions } = followed;
  return {
    plugins: [
      // Apollo's Cache-Control header would tell clients they may keep answers for the TTL: cache-policy.ts sends no-store.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      cachePolicyPlugin(config.ttlSeconds),
      responseCachePlugin(versions, config.maxMb),
      readYourWritesPlugin(versions),
      cacheStatusPlugin(),
    ],
  };
}
