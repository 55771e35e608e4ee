import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGatewayConfig, type RunningGateway, startGateway } from '@tdg/gateway';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { SUBGRAPH_PACKAGES } from '../scripts/src/subgraph-packages.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { freePort } from './support/free-port.ts';
import { TEST_SIGNING_SECRET } from './support/subgraph-harness.ts';
import { PERSONAS, testAuthEnv, tokenFor } from './support/tokens.ts';

/**
 * Fetches to one subgraph that the query planner starts together (a region's figures and its LAs' figures) go as one
 * request (gateway/src/subgraph-calls/fetch-batcher.ts): the same answers as a gateway sending them one by one
 * (BATCH_SUBGRAPH_FETCHES=false) in front of the same subgraphs, in fewer SQL statements.
 */
const operations = (file: string) => readFileSync(join(import.meta.dirname, '../schema/operations', file), 'utf8');

let fed: TestFederation;
let unbatched: RunningGateway;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tdg-batch-'));
  await writeDemoData(generateDemoData({ size: 'small', seed: 1 }), folder);
  fed = await startFederation(folder);
  const urls = Object.fromEntries(SUBGRAPH_PACKAGES.map((p) => [`${p.info.envPrefix}_URL`, fed.subgraphs[p.info.name].url]));
  unbatched = await startGateway(
    loadGatewayConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(await freePort()),
      SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
      BATCH_SUBGRAPH_FETCHES: 'false',
      ...urls,
      ...(await testAuthEnv()),
    }),
  );
});
afterAll(async () => {
  await unbatched?.close();
  await fed?.close();
});

async function ask(url: string, file: string, operationName: string, variables: Record<string, unknown>) {
  const statements = () => Object.fromEntries(Object.entries(fed.subgraphs).map(([name, sg]) => [name, sg.sqlCount()]));
  fed.resetSqlCount();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(PERSONAS.admin)}` },
    body: JSON.stringify({ query: operations(file), operationName, variables }),
  });
  return { body: (await response.json()) as { data?: unknown; errors?: unknown[] }, statements: statements() };
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

test.each([
  ['regional overview', 'regional-overview.graphql', 'RegionalOverview', { regionCode: 'J', academicYear: 2023 }],
  ['support and engagement', 'support-and-engagement.graphql', 'SupportAndEngagement', { regionCode: 'J', academicYear: 2023 }],
  ['cold spots', 'cold-spots.graphql', 'ColdSpots', { regionCode: 'A', fromYear: 2021, toYear: 2024 }],
  ['golden thread', 'golden-thread.graphql', 'SchoolGoldenThread', { urn: '101109' }],
])('%s: the same answer batched and one by one', async (_label, file, name, variables) => {
  const batched = await ask(fed.gatewayUrl, file, name, variables);
  const alone = await ask(unbatched.url, file, name, variables);
  expect(batched.body.errors).toBeUndefined();
  expect(batched.body).toEqual(alone.body);
  expect(total(batched.statements)).toBeLessThanOrEqual(total(alone.statements));
});

test('the regional overview: one statement per engagement subgraph and figure, not one per region and per LA list', async () => {
  const variables = { regionCode: 'J', academicYear: 2023 };
  const batched = await ask(fed.gatewayUrl, 'regional-overview.graphql', 'RegionalOverview', variables);
  const alone = await ask(unbatched.url, 'regional-overview.graphql', 'RegionalOverview', variables);
  expect(batched.statements.scitts).toBe(1);
  expect(batched.statements['curriculum-hubs']).toBe(1);
  expect(batched.statements['teaching-school-hubs']).toBe(2);
  expect(alone.statements.scitts).toBe(2);
  // The direct-SQL floor of the benchmark runs 5; the bound is the floor's + 2.
  expect(total(batched.statements)).toBeLessThanOrEqual(7);
});
