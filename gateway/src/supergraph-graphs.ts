import { Kind, parse } from 'graphql';

/** A subgraph as a supergraph names it: `join__Graph` value `@join__graph(name, url)`. */
export interface SupergraphGraph {
  readonly name: string;
  /** Its routing URL as composed (`routing_url` of schema/supergraph.yaml). */
  readonly url: string;
}

/** The subgraphs a supergraph SDL federates, in its order, with their routing URLs. */
export function graphsOfSupergraph(supergraphSdl: string): SupergraphGraph[] {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphs: SupergraphGraph[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const join = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) => {
        const v = join?.arguments?.find((a) => a.name.value === name)?.value;
        return v?.kind === Kind.STRING ? v.value : undefined;
      };
      const name = arg('name');
      if (name) graphs.push({ name, url: arg('url') ?? '' });
    }
  }
  return graphs;
}
