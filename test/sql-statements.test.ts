import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * Batching: the number of SQL statements an operation makes must not grow with the number of schools or
 * representations in it. Each dashboard operation runs through the gateway against the demo dataset at two sizes
 * (`small`, ~600 schools, and `region`, ~2,800) and the statements all four subgraphs run are counted, not timed.
 */
const operation = (file: string) => readFileSync(join(import.meta.dirname, '../schema/operations', file), 'utf8');

const CASES: [string, string, string, Record<string, unknown>][] = [
  ['regional overview', 'regional-overview.graphql', 'RegionalOverview', { regionCode: 'J', academicYear: 2023 }],
  ['cold spots, region', 'cold-spots.graphql', 'ColdSpots', { regionCode: 'J', fromYear: 2021, toYear: 2024, first: 200 }],
  ['cold spots, LA', 'cold-spots.graphql', 'LocalAuthorityColdSpots', { laCode: '808', fromYear: 2021, toYear: 2024, first: 200 }],
  ['growing our own', 'growing-our-own.graphql', 'GrowingOurOwn', { scittId: '70245', academicYear: 2022 }],
  ['golden thread, school', 'golden-thread.graphql', 'SchoolGoldenThread', { urn: '100000' }],
  ['support and engagement', 'support-and-engagement.graphql', 'SupportAndEngagement', { regionCode: 'J', academicYear: 2023 }],
  [
    'a page of 500 schools with fields from every subgraph',
    'inline',
    'Schools',
    { regionCode: 'J' },
  ],
];

const SCHOOLS_PAGE = `query Schools($regionCode: ID!) {
  schools(filter: { regionCode: $regionCode }, first: 500) {
    totalCount
    nodes { urn name localAuthority { name region { name } } placementCount ectCount npqCount hubProgrammeCount supportReceived { id } networks { id } partnerScitts { id } }
  }
}`;

let small: TestFederation;
let large: TestFederation;

beforeAll(async () => {
  const folders = await Promise.all(
    (['small', 'region'] as const).map(async (size) => {
      const folder = mkdtempSync(join(tmpdir(), `tdg-sql-${size}-`));
      await writeDemoData(generateDemoData({ size, seed: 1 }), folder);
      return folder;
    }),
  );
  [small, large] = await Promise.all(folders.map((f) => startFederation(f)));
});
afterAll(async () => {
  await small?.close();
  await large?.close();
});

async function count(fed: TestFederation, file: string, name: string, variables: Record<string, unknown>) {
  fed.resetSqlCount();
  // An administrator: the same rules run as for everyone else, with the loosest limits (the page of 500 is costly).
  const res = await fed.query<Record<string, unknown>>(file === 'inline' ? SCHOOLS_PAGE : operation(file), variables, name, await tokenFor(PERSONAS.admin));
  expect(res.errors).toBeUndefined();
  return { statements: fed.sqlCount(), size: JSON.stringify(res.data).length };
}

test('the larger dataset really involves more schools', async () => {
  const a = await count(small, 'inline', 'Schools', { regionCode: 'J' });
  const b = await count(large, 'inline', 'Schools', { regionCode: 'J' });
  expect(b.size).toBeGreaterThan(a.size * 2);
});

test.each(CASES)('%s: the same number of SQL statements at both sizes', async (_label, file, name, variables) => {
  const a = await count(small, file, name, variables);
  const b = await count(large, file, name, variables);
  expect(b.statements).toBe(a.statements);
  expect(a.statements).toBeGreaterThan(0);
});
