import { Kind, parse } from 'graphql';

/** A subgraph as a supergraph names it: its `join__Graph` value's `@join__graph(name:, url:)`. */
export interface SupergraphSubgraph {
  /** The subgraph's name, as composition knows it (e.g. `local-authorities`). */
  readonly name: string;
  /** Its `routing_url` at composition time (may be empty for a subgraph composed without one). */
  readonly routingUrl: string;
}

/**
 * The subgraphs a Federation 2 supergraph federates, read from the `@join__graph(name:, url:)` directives on the
 * values of its `join__Graph` enum, in the supergraph's order. Throws when the SDL does not parse or has no such enum.
 */
export function subgraphsOfSupergraph(supergraphSdl: string): SupergraphSubgraph[] {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphs = document.definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph');
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error('not a Federation 2 supergraph: it has no join__Graph enum');
  return (graphs.values ?? []).flatMap((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    if (!directive) return [];
    const argument = (name: string) => {
      const arg = directive.arguments?.find((a) => a.name.value === name);
      return arg?.value.kind === Kind.STRING ? arg.value.value : '';
    };
    return [{ name: argument('name') || value.name.value.toLowerCase(), routingUrl: argument('url') }];
  });
}

/** The environment prefix of a subgraph's settings: `local-authorities` → `LOCAL_AUTHORITIES` (upper snake case). */
export function envPrefixOf(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}
