import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { ResponseCacheConfig } from '../config.ts';
import type { GatewayContext } from '../context.ts';
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
  /** Stops polling. */
  close(): void;
}

/**
 * The optional response cache (gateway/README.md, "Response cache"), started by server.ts only when
 * `config.ttlSeconds` is above 0 (nothing of it is loaded otherwise): asks every subgraph for its data version once
 * (awaited, bounded by a 2 s timeout) and keeps polling.
 */
export async function startResponseCache(
  config: ResponseCacheConfig,
  subgraphUrls: Readonly<Record<string, string>>,
  secret: string,
): Promise<RunningResponseCache> {
  const versions = new DataVersions({ subgraphUrls, secret, pollMs: config.pollMs });
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
    close: () => versions.close(),
  };
}
