import { buildSchema, parse } from 'graphql';
import { readCostDirectives } from './cost-directives.ts';
import { estimateCost } from './estimate-cost.ts';

/** A small schema with the cost specification's directives, as a composed supergraph carries them. */
const SDL = `
  schema @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@cost", "@listSize"]) { query: Query mutation: Mutation }
  directive @link(url: String, as: String, import: [String]) repeatable on SCHEMA
  directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
  type Query {
    regions: [Region!]! @listSize(assumedSize: 9)
    region(code: ID!): Region
    schools(first: Int = 100): SchoolConnection! @listSize(assumedSize: 500, slicingArguments: ["first"], sizedFields: ["nodes", "edges"], requireOneSlicingArgument: false)
    coldSchools(first: Int = 20): [School!] @listSize(assumedSize: 50, slicingArguments: ["first"], requireOneSlicingArgument: false)
    strict(first: Int, last: Int): [School!] @listSize(assumedSize: 10, slicingArguments: ["first", "last"])
    undeclared: [School!]
    report: Report @cost(weight: 25)
  }
  type Mutation { touch(urn: ID!): School }
  type Region { code: ID! localAuthorities: [LocalAuthority!]! @listSize(assumedSize: 35) }
  type LocalAuthority { code: ID! region: Region! schools: [School!]! @listSize(assumedSize: 200) }
  type School { urn: ID! name: String! localAuthority: LocalAuthority! }
  type SchoolConnection { nodes: [School!]! edges: [SchoolEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type SchoolEdge { cursor: String! node: School! }
  type PageInfo { endCursor: String }
  type Report { count: Int! }
`;
const schema = buildSchema(SDL);
const directives = readCostDirectives(SDL);
const cost = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  estimateCost(schema, parse(query), { directives, variables, operationName });

test('objects cost 1, leaves 0, a field with @cost its weight, a mutation field 10', () => {
  expect(cost('{ region(code: "A") { code } }').cost).toBe(1);
  expect(cost('{ region(code: "A") { code } report { count } }').cost).toBe(26);
  expect(cost('mutation { touch(urn: "1") { urn localAuthority { code } } }').cost).toBe(11);
});

test('a literal slicing argument is the list size', () => {
  expect(cost('{ coldSchools(first: 7) { urn localAuthority { code } } }').cost).toBe(7 * 2);
});

test("a variable's value is the list size, as a literal's is", () => {
  const q = 'query Page($n: Int) { coldSchools(first: $n) { urn } }';
  expect(cost(q, { n: 3 }).cost).toBe(3);
  expect(cost(q, { n: 40 }).cost).toBe(40);
});

test("without the argument (or with null) the argument's default is the size", () => {
  expect(cost('{ coldSchools { urn } }').cost).toBe(20);
  expect(cost('query($n: Int) { coldSchools(first: $n) { urn } }', { n: null }).cost).toBe(20);
  expect(cost('query($n: Int = 9) { coldSchools(first: $n) { urn } }').cost).toBe(9);
});

test('a list without a slicing argument counts its declared assumedSize', () => {
  expect(cost('{ regions { code } }').cost).toBe(9);
  const { lists } = cost('{ regions { code } }');
  expect(lists).toEqual([{ coordinate: 'Query.regions', size: 9, source: 'assumed', occurrences: 1, multiplier: 9 }]);
});

test('nested lists multiply', () => {
  // regions 9 × (1 + localAuthorities 35 × (1 + region 1 + localAuthorities 35 × 1))
  expect(cost('{ regions { localAuthorities { region { localAuthorities { code } } } } }').cost).toBe(9 * (1 + 35 * (1 + (1 + 35 * 1))));
  const { lists } = cost('{ regions { localAuthorities { region { localAuthorities { region { localAuthorities { code } } } } } } }');
  expect(lists[0]).toMatchObject({ coordinate: 'Region.localAuthorities', size: 35, occurrences: 3, multiplier: 35 ** 3 });
});

test('fragments (named and inline) are counted where they are spread, @skip/@include honoured', () => {
  const direct = cost('{ regions { localAuthorities { schools { urn localAuthority { code } } } } }').cost;
  const named = cost('{ regions { ...R } } fragment R on Region { localAuthorities { ...L } } fragment L on LocalAuthority { schools { urn ... on School { localAuthority { code } } } }').cost;
  expect(named).toBe(direct);
  expect(cost('query($no: Boolean!) { regions { localAuthorities @include(if: $no) { code } } }', { no: false }).cost).toBe(9);
  expect(cost('query($no: Boolean!) { regions { localAuthorities @include(if: $no) { code } } }', { no: true }).cost).toBe(9 * (1 + 35));
});

test('a slicing argument above the cap counts as the cap', () => {
  expect(cost('{ coldSchools(first: 100000) { urn } }').cost).toBe(50);
  expect(cost('query($n: Int) { coldSchools(first: $n) { urn } }', { n: 100000 }).lists[0]).toMatchObject({ size: 50, source: 'cap', cap: 50 });
});

test("a connection's sized fields take its page size; its other fields count once", () => {
  // schools 1 + nodes 10 × 1 + edges 10 × (1 + node 1) + pageInfo 1
  expect(cost('{ schools(first: 10) { nodes { urn } edges { node { urn } } pageInfo { endCursor } totalCount } }').cost).toBe(1 + 10 + 20 + 1);
  expect(cost('query($n: Int) { schools(first: $n) { ...P } } fragment P on SchoolConnection { nodes { urn localAuthority { code } } }', { n: 500 }).cost).toBe(1 + 500 * 2);
  expect(cost('{ schools { nodes { urn } } }').cost).toBe(1 + 100);
});

test('requireOneSlicingArgument: exactly one of the slicing arguments must be given', () => {
  expect(cost('{ strict(first: 4) { urn } }').cost).toBe(4);
  expect(() => cost('{ strict { urn } }')).toThrow(/needs exactly one of `first`, `last`/);
  expect(() => cost('{ strict(first: 1, last: 1) { urn } }')).toThrow(/needs exactly one/);
});

test('an undeclared list counts 100 items; introspection counts nothing', () => {
  expect(cost('{ undeclared { urn } }').cost).toBe(100);
  expect(cost('{ __schema { types { name fields { name } } } }').cost).toBe(0);
});

test('only the operation asked for is counted', () => {
  const doc = 'query A { regions { code } } query B { coldSchools(first: 3) { urn } }';
  expect(cost(doc, {}, 'A').cost).toBe(9);
  expect(cost(doc, {}, 'B').cost).toBe(3);
});
