import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { type GraphQLSchema, getNullableType, isListType, isObjectType, parse, validate } from 'graphql';
import { CYCLES } from '../../../test/support/cycles.ts';
import { OPERATION_LIMITS } from '../limits.ts';
import { readCostDirectives } from './cost-directives.ts';
import { estimateCost } from './estimate-cost.ts';

/** The demand-control annotations of the committed supergraph, against the API schema the gateway serves. */
const root = join(import.meta.dirname, '../../..');
const sdl = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
const directives = readCostDirectives(sdl);
let schema: GraphQLSchema;
let gateway: ApolloGateway;
beforeAll(async () => {
  gateway = new ApolloGateway({ supergraphSdl: sdl });
  ({ schema } = await gateway.load());
});
afterAll(() => gateway.stop());

const listFields = () =>
  Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && !t.name.startsWith('__'))
    .flatMap((t) => Object.values((t as import('graphql').GraphQLObjectType).getFields()).map((f) => ({ coordinate: `${t.name}.${f.name}`, field: f })))
    .filter(({ field }) => isListType(getNullableType(field.type)));

test('every list field of every subgraph has a declared size (@listSize) or is sized by its parent (sizedFields)', () => {
  expect(listFields().length).toBeGreaterThan(40);
  const unsized = listFields()
    .map(({ coordinate }) => coordinate)
    .filter((c) => {
      const size = directives.listSizes.get(c);
      return !directives.sizedBy.has(c) && !(size && (size.assumedSize !== undefined || size.slicingArguments?.length));
    });
  // A new list field needs `@listSize(assumedSize: <a realistic largest size>)` or a slicing argument in its SDL.
  expect(unsized).toEqual([]);
});

test('every slicing argument is an Int argument of its field, capped by the field\'s assumedSize (its largest page)', () => {
  const uncapped: string[] = [];
  for (const [coordinate, size] of directives.listSizes) {
    const [type, field] = coordinate.split('.');
    const def = (schema.getType(type) as import('graphql').GraphQLObjectType).getFields()[field];
    for (const argument of size.slicingArguments ?? []) {
      expect(def.args.find((a) => a.name === argument)?.type.toString()).toBe('Int');
      if (size.assumedSize === undefined) uncapped.push(`${coordinate}(${argument}:)`);
    }
  }
  // A sliced list needs `@listSize(slicingArguments: [...], assumedSize: <its largest page>)`: the subgraph refuses more.
  expect(uncapped).toEqual([]);
});

const operations = readdirSync(join(root, 'schema/operations')).filter((f) => f.endsWith('.graphql'));
const VARIABLES = { regionCode: 'A', laCode: '808', academicYear: 2023, fromYear: 2021, toYear: 2024, scittId: '70245', urn: '100001', trn: '1234567' };

test.each(operations)('every operation in %s is within the staff and analyst budgets', (file) => {
  const source = readFileSync(join(root, 'schema/operations', file), 'utf8');
  const document = parse(source);
  for (const op of document.definitions) {
    if (op.kind !== 'OperationDefinition') continue;
    const { cost } = estimateCost(schema, document, { directives, variables: VARIABLES, operationName: op.name?.value });
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeLessThanOrEqual(OPERATION_LIMITS.analyst.cost);
  }
});


test.each(CYCLES)('%s, nested as in the issue, costs more than any budget', (_cycle, query) => {
  expect(validate(schema, parse(query))).toEqual([]);
  const { cost, lists } = estimateCost(schema, parse(query), { directives });
  expect(cost).toBeGreaterThan(OPERATION_LIMITS.admin.cost);
  expect(lists[0].occurrences).toBeGreaterThan(1);
});
