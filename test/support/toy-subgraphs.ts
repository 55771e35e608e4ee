import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * Small Federation 2 subgraphs that are not this project's (no signature check, names the gateway has never heard
 * of), each a real Apollo Server over HTTP, and a supergraph composed from them with @apollo/composition: for tests of
 * a gateway serving any supergraph, hot reload, and subgraphs that go down and come back.
 */
export interface ToySubgraph {
  readonly name: string;
  readonly sdl: string;
  readonly port: number;
  readonly url: string;
  /** Requests answered so far. */
  readonly calls: number;
  close(): Promise<void>;
}

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

/** Products added by `addProduct` in this process. */
export const added = { count: 0 };

/** `inventory-service`: products by UPC, and a mutation. */
export const INVENTORY = {
  name: 'inventory-service',
  sdl: `${LINK}
"""Products on sale."""
type Query {
  """Every product."""
  products: [Product!]!
}
"""Changes to products."""
type Mutation {
  """Adds a product; answers how many were added so far by this process."""
  addProduct(name: String!): Int!
}
"""A product."""
type Product @key(fields: "upc") {
  """Universal product code."""
  upc: String!
  """Its name."""
  name: String
}`,
  resolvers: {
    Query: { products: () => [{ upc: '1', name: 'Table' }, { upc: '2', name: 'Chair' }] },
    Mutation: { addProduct: () => ++added.count },
    Product: { __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc, name: ref.upc === '1' ? 'Table' : 'Chair' }) },
  } as GraphQLResolverMap,
};

/** `partnerReviews`: adds a review count to products. */
export const REVIEWS = {
  name: 'partnerReviews',
  sdl: `${LINK}
"""A product, as reviews know it."""
type Product @key(fields: "upc") {
  """Universal product code."""
  upc: String!
  """How many reviews it has."""
  reviewCount: Int
}`,
  resolvers: { Product: { __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc, reviewCount: Number(ref.upc) * 10 }) } } as GraphQLResolverMap,
};

/** Starts a toy subgraph on `port` (any free one by default; give the old port to bring a stopped one back). */
export async function startToySubgraph(toy: { name: string; sdl: string; resolvers: GraphQLResolverMap }, port = 0): Promise<ToySubgraph> {
  let calls = 0;
  const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs: parse(toy.sdl), resolvers: toy.resolvers }]), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async () => {
      calls += 1;
      return {};
    },
  });
  const bound = Number(new URL(url).port);
  return {
    name: toy.name,
    sdl: toy.sdl,
    port: bound,
    url: `http://127.0.0.1:${bound}/graphql`,
    get calls() {
      return calls;
    },
    close: () => server.stop(),
  };
}

/** A supergraph of these subgraphs at these routing URLs, composed with @apollo/composition (throws on errors). */
export function composeToySupergraph(subgraphs: readonly { name: string; sdl: string; url: string }[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
