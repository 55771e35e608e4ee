import { Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { subgraphsOfSupergraph } from './subgraph-list.ts';
import type { SubgraphEndpoint, SubgraphSettings } from './subgraph-settings.ts';

/**
 * Apollo's own checks of a supergraph, as Apollo Gateway makes them when it loads one — parse, build and validate
 * (`Supergraph.build` with `validateSupergraph`: every subgraph extracted and validated), the API schema, the query
 * planner — plus valid settings (`<NAME>_URL`, …) for each of its subgraphs. Run before the gateway is given a new
 * supergraph, so that one that fails is refused whole and the gateway never holds half of it. Throws with the reason.
 */
export function checkSupergraph(sdl: string, settings: SubgraphSettings): SubgraphEndpoint[] {
  const supergraph = Supergraph.build(sdl, { validateSupergraph: true });
  supergraph.apiSchema().toGraphQLJSSchema();
  new QueryPlanner(supergraph);
  return settings.resolve(subgraphsOfSupergraph(sdl));
}
