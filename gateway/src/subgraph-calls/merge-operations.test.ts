import { buildSchema, graphql, parse, validate } from 'graphql';
import { mergeable, mergeOperations, prefixedVariables, splitAnswer } from './merge-operations.ts';

const schema = buildSchema(`
  scalar _Any
  type Query { _entities(representations: [_Any!]!): [Area]! region(code: ID!): Region }
  union Area = Region | LocalAuthority
  type Region { code: ID! figures(year: Int!): Int }
  type LocalAuthority { code: ID! figures(year: Int!): Int }
`);

const regionFetch = parse(`query Overview__scitts__1($representations: [_Any!]!, $year: Int!) {
  _entities(representations: $representations) { ... on Region { figures(year: $year) } }
}`);
const laFetch = parse(`query Overview__scitts__2($representations: [_Any!]!, $year: Int!) {
  _entities(representations: $representations) { ...la }
}
fragment la on LocalAuthority { figures(year: $year) }`);

describe('merging fetches to one subgraph', () => {
  it('prefixes each member’s root keys, variables and fragments, into one valid query', () => {
    const merged = mergeOperations([regionFetch, laFetch], 'Overview__batch');
    expect(merged.rootKeys).toEqual([['_entities'], ['_entities']]);
    expect(merged.variableNames).toEqual([['representations', 'year'], ['representations', 'year']]);
    const document = parse(merged.query);
    expect(validate(schema, document)).toEqual([]);
    expect(merged.query).toContain('_0__entities: _entities(representations: $_0_representations)');
    expect(merged.query).toContain('_1__entities: _entities(representations: $_1_representations)');
    expect(merged.query).toContain('fragment _1_la on LocalAuthority');
  });

  it('gives each member its own data and errors back, under its own names', async () => {
    const merged = mergeOperations([regionFetch, laFetch], 'Overview__batch');
    const variables = {
      ...prefixedVariables(0, merged.variableNames[0], { representations: [{ __typename: 'Region', code: 'J' }], year: 2023 }),
      ...prefixedVariables(1, merged.variableNames[1], { representations: [{ __typename: 'LocalAuthority', code: '886' }], year: 2022 }),
    };
    const rootValue = {
      _entities: ({ representations }: { representations: { __typename: string; code: string }[] }) =>
        representations.map((r) => ({ ...r, figures: ({ year }: { year: number }) => (r.code === '886' ? Promise.reject(new Error('boom')) : year) })),
    };
    const answer = await graphql({ schema, source: merged.query, variableValues: variables, rootValue });
    const errors = answer.errors?.map((e) => e.toJSON());
    const first = splitAnswer(0, merged.rootKeys[0], answer.data as Record<string, unknown>, errors);
    const second = splitAnswer(1, merged.rootKeys[1], answer.data as Record<string, unknown>, errors);
    expect(first).toEqual({ data: { _entities: [{ figures: 2023 }] }, errors: [] });
    expect(second.data).toEqual({ _entities: [{ figures: null }] });
    expect(second.errors?.map((e) => [e.message, e.path])).toEqual([['boom', ['_entities', 0, 'figures']]]);
  });

  it('gives an error of the whole request to every member, and keeps a null answer null', () => {
    const errors = [{ message: 'Too many objects', extensions: { code: 'RESPONSE_TOO_LARGE' } }];
    expect(splitAnswer(1, ['_entities'], null, errors)).toEqual({ data: null, errors });
    expect(splitAnswer(0, ['_entities'], null, errors)).toEqual({ data: null, errors });
  });

  it('keeps member 1’s errors apart from member 10’s', () => {
    const errors = [{ message: 'ten', path: ['_10__entities', 0] }];
    expect(splitAnswer(1, ['_entities'], {}, errors).errors).toEqual([]);
    expect(splitAnswer(10, ['_entities'], {}, errors).errors).toEqual([{ message: 'ten', path: ['_entities', 0] }]);
  });

  it('leaves mutations and root fragments alone', () => {
    expect(mergeable(regionFetch)).toBe(true);
    expect(mergeable(parse('mutation M { a }'))).toBe(false);
    expect(mergeable(parse('query Q { ... on Query { a } }'))).toBe(false);
    expect(mergeable(parse('query A { a } query B { b }'))).toBe(false);
  });
});
