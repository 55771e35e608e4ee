import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { type GraphQLSchema, parse } from 'graphql';
import { OPERATION_LIMITS } from '../limits.ts';
import { checkOperationLimits } from './operation-limits.ts';

/** The per-tier limits measured with GraphQL Armor against the real API schema (the cost budget: demand/). */
const root = join(import.meta.dirname, '../../..');
let schema: GraphQLSchema;
let gateway: ApolloGateway;
beforeAll(async () => {
  gateway = new ApolloGateway({ supergraphSdl: readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8') });
  ({ schema } = await gateway.load());
});
afterAll(() => gateway.stop());

const check = (source: string, tier: keyof typeof OPERATION_LIMITS) => checkOperationLimits(schema, parse(source), source, OPERATION_LIMITS[tier], tier);

const operations = readdirSync(join(root, 'schema/operations')).filter((f) => f.endsWith('.graphql'));

test.each(operations)('dashboard operations in %s are within the analyst, staff and admin limits', (file) => {
  const source = readFileSync(join(root, 'schema/operations', file), 'utf8');
  for (const tier of ['analyst', 'staff', 'admin'] as const) expect(check(source, tier)).toEqual([]);
});

test('a page of schools with fields from every subgraph is within the anonymous limits (its cost is not measured here)', () => {
  const page = `{ schools(first: 500) { totalCount nodes { urn name localAuthority { name region { name } }
    placementCount ectCount npqCount hubProgrammeCount supportReceived { id } networks { id } partnerScitts { id } } } }`;
  expect(check(page, 'anonymous')).toEqual([]);
});

const nest = (levels: number) => `{ region(code: "A") { ${'localAuthorities { region { '.repeat(levels)}code${' } }'.repeat(levels)} } }`;

test.each([
  ['a deep operation', nest(3), 'DEPTH_LIMIT_EXCEEDED', /Query depth limit of 6 exceeded, found 8/],
  ['an aliased operation', `{ ${Array.from({ length: 6 }, (_, i) => `r${i}: region(code: "A") { code }`).join(' ')} }`, 'ALIAS_LIMIT_EXCEEDED', /Aliases limit of 5 exceeded, found 6/],
  ['a huge document', `{ schools(filter: { status: [${'OPEN, '.repeat(1000)}] }, first: 1) { totalCount } }`, 'TOKEN_LIMIT_EXCEEDED', /Token limit of 1000 exceeded/],
  ['an operation full of directives', `{ regions { ${Array.from({ length: 11 }, () => 'code @include(if: true)').join(' ')} } }`, 'DIRECTIVE_LIMIT_EXCEEDED', /Directives limit of 10 exceeded, found 11/],
])('%s exceeds the anonymous limits and not the administrator ones', (_what, source, code, message) => {
  const [violation] = check(source, 'anonymous');
  expect(violation.code).toBe(code);
  expect(violation.message).toMatch(message);
  expect(violation.message).toMatch(/limit for anonymous callers/);
  expect(check(source, 'admin')).toEqual([]);
});

test('introspection is not counted by depth', () => {
  const introspection = '{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } }';
  expect(check(introspection, 'anonymous')).toEqual([]);
});

test('the tiers are ordered: anonymous strictest, administrators loosest', () => {
  for (const key of ['depth', 'aliases', 'tokens', 'cost', 'directives'] as const) {
    expect(OPERATION_LIMITS.anonymous[key]).toBeLessThan(OPERATION_LIMITS.analyst[key]);
    expect(OPERATION_LIMITS.staff[key]).toBe(OPERATION_LIMITS.analyst[key]);
    expect(OPERATION_LIMITS.analyst[key]).toBeLessThan(OPERATION_LIMITS.admin[key]);
  }
});
