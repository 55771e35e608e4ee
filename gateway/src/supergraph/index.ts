import { ApolloGateway } from '@apollo/gateway';
import type { GatewayConfig } from '../config.ts';
import { SignedDataSource, type SignedDataSourceOptions } from '../signed-data-source.ts';
import { CurrentSupergraph, servedSupergraph } from './current.ts';
import { FileSupergraph } from './file-supergraph.ts';
import { subgraphsOfSupergraph } from './subgraph-list.ts';

export { CurrentSupergraph, type ServedSupergraph } from './current.ts';
export type { SubgraphEndpoint } from './subgraph-settings.ts';

export interface SupergraphGateway {
  readonly gateway: ApolloGateway;
  /** The supergraph served now, with a change event (readiness, the response cache, schema-derived plugin data). */
  readonly supergraph: CurrentSupergraph;
  /** The file followed: its last refused content, if any. */
  readonly file: FileSupergraph;
}

/**
 * Apollo Gateway over the supergraph file `config.supergraphPath`, followed while it runs (hot reload): any valid
 * Federation 2 supergraph, each of its subgraphs called at its `<NAME>_URL` or the supergraph's routing URL
 * (subgraph-settings.ts) through a SignedDataSource (`calls`: what observes each call).
 */
export function supergraphGateway(config: GatewayConfig, calls: Pick<SignedDataSourceOptions, 'observe' | 'fetchCache'> = {}): SupergraphGateway {
  const supergraph = new CurrentSupergraph();
  const file = new FileSupergraph({ path: config.supergraphPath, settings: config.subgraphSettings, debounceMs: config.supergraphWatch.debounceMs, pollMs: config.supergraphWatch.pollMs });
  const gateway = new ApolloGateway({
    supergraphSdl: file.hook,
    // Apollo's checks of a supergraph in every mode (the gateway skips some in production by default).
    validateSupergraph: true,
    buildService: ({ name, url }) => {
      const [endpoint] = config.subgraphSettings.resolve([{ name, routingUrl: url ?? '' }]);
      return new SignedDataSource(name, endpoint.url, config.signingSecret, { ...calls, shareInFlightReads: config.shareInFlightReads, batchFetches: config.batchSubgraphFetches, timeoutMs: endpoint.timeoutMs, maxResponseBytes: config.maxSubgraphResponseBytes });
    },
  });
  // Called by the gateway for the first supergraph and for each one it switches to, before any request sees it.
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    supergraph.set(servedSupergraph(coreSupergraphSdl, config.subgraphSettings.resolve(subgraphsOfSupergraph(coreSupergraphSdl))));
  });
  return { gateway, supergraph, file };
}
