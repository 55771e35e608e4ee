import { openOrm } from '@tdg/kit/orm';
import { RESPONSE_TOO_LARGE } from '@tdg/kit/request-bounds';
import { graphql, startTestSubgraph, type TestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { localAuthorities } from './index.ts';
import { writeTestFolder } from './test-support.ts';

/**
 * A subgraph's own bounds on one request (subgraphs/kit/src/request-bounds.ts, page-size.ts, orm.ts): objects
 * resolved, page sizes, and PostgreSQL's statement_timeout on its connections.
 */
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(localAuthorities, writeTestFolder('la-bounds-'), { bounds: { maxObjects: 4, timeLimitMs: 60_000 } });
});
afterAll(() => sg?.close());

test('past its object bound a request ends with RESPONSE_TOO_LARGE alone: no partial data, no further list read', async () => {
  const small = await graphql(sg.url, '{ schools(first: 2) { nodes { urn } } }');
  expect(small.errors).toBeUndefined();
  expect((small.data as { schools: { nodes: unknown[] } }).schools.nodes).toHaveLength(2);
  sg.resetSqlCount();
  const big = await graphql(sg.url, '{ regions { code localAuthorities { code } } schools(first: 100) { nodes { urn supportReceived { id } } } }');
  expect(big.data ?? null).toBeNull();
  expect(big.errors).toEqual([{ message: expect.stringMatching(/more than 4 objects.*first:/), extensions: { code: RESPONSE_TOO_LARGE } }]);
  // Once over, the schools' support episodes (one more statement per list) are not read.
  const sqlWhenOver = sg.sqlCount();
  expect(sqlWhenOver).toBeLessThanOrEqual(3);
});

test('a page above its cap is BAD_USER_INPUT naming the argument and the cap', async () => {
  const res = await graphql(sg.url, '{ schools(first: 5001) { totalCount } }');
  expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  expect(res.errors?.[0].message).toMatch(/first must be between 0 and 5000 \(the largest page of Query\.schools\); ask for the next page with after/);
  const audit = await graphql(sg.url, '{ localAuthoritiesAuditLog(first: 501) { id } }');
  expect(audit.errors?.[0].message).toMatch(/first must be between 1 and 500/);
});

test("statement_timeout on the subgraph's connections: PostgreSQL cancels a statement past it", async () => {
  // The subgraph's database, opened as a serving subgraph opens it (main.ts: STATEMENT_TIMEOUT_MS).
  const orm = await openOrm({ clientUrl: sg.orm.config.get('clientUrl')!, entities: localAuthorities.entities, migrationsPath: localAuthorities.migrationsPath, statementTimeoutMs: 300 });
  try {
    const connection = orm.em.fork().getConnection();
    await expect(connection.execute('select pg_sleep(2)')).rejects.toThrow(/statement timeout/);
    expect(await connection.execute('select 1 as one')).toEqual([{ one: 1 }]);
  } finally {
    await orm.close();
  }
});
