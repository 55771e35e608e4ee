import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signRequest } from '@tdg/kit/auth/signing';
import { importFolder } from '@tdg/kit/load/import-folder';
import pg from 'pg';
import { scitts } from '../subgraphs/scitts/src/index.ts';
import { CALLERS, fixtureFolder } from '../subgraphs/scitts/src/testing/fixture.ts';
import { graphql, startTestSubgraph, TEST_ADMIN, TEST_SIGNING_SECRET, type TestSubgraph } from './support/subgraph-harness.ts';

/**
 * A subgraph's `GET /data-version` (subgraphs/kit/src/audit/data-version.ts), on a real scitts subgraph over HTTP
 * and PostgreSQL: signed like /graphql; it changes with every committed write and import and with nothing else.
 */
let sg: TestSubgraph;
let empty: TestSubgraph;
beforeAll(async () => {
  [sg, empty] = await Promise.all([startTestSubgraph(scitts, fixtureFolder()), startTestSubgraph(scitts)]);
});
afterAll(async () => {
  await Promise.all([sg?.close(), empty?.close()]);
});

const versionUrl = (s: TestSubgraph) => s.url.replace(/graphql$/, 'data-version');

async function version(s: TestSubgraph = sg): Promise<string> {
  const response = await fetch(versionUrl(s), { headers: signRequest(TEST_SIGNING_SECRET, null, '') });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { subgraph: string; version: string };
  expect(body.subgraph).toBe('scitts');
  return body.version;
}

const WITHDRAW = 'mutation($id: ID!) { withdrawTrainee(id: $id) { id status } }';

test('answers only requests signed by the gateway', async () => {
  expect((await fetch(versionUrl(sg))).status).toBe(401);
  const forged = await fetch(versionUrl(sg), { headers: signRequest('not-the-secret-0123456789abcdef0123456789', null, '') });
  expect(forged.status).toBe(401);
  const headers = signRequest(TEST_SIGNING_SECRET, null, '');
  expect((await fetch(versionUrl(sg), { headers })).status).toBe(200);
  const replay = await fetch(versionUrl(sg), { headers });
  expect(replay.status).toBe(401);
  expect(await replay.text()).toMatch(/replayed/);
});

test('a database with no write yet is at version 0.0; a loaded one is not', async () => {
  expect(await version(empty)).toBe('0.0');
  expect(await version()).toMatch(/^[1-9]\d*\.[1-9]\d*$/);
});

test('reads and refused or repeated writes leave the version; a write changes it', async () => {
  const before = await version();
  expect((await graphql(sg.url, '{ scitt(id: "70245") { trainees { id } } }')).errors).toBeUndefined();
  const refused = await graphql(sg.url, WITHDRAW, { id: 'T4' }, CALLERS.staffOf70300);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await version()).toBe(before);

  const written = await graphql(sg.url, WITHDRAW, { id: 'T4' }, CALLERS.staffOf70245);
  expect(written.errors).toBeUndefined();
  const after = await version();
  expect(after).not.toBe(before);
  // Withdrawing it again changes nothing, and records nothing.
  expect((await graphql(sg.url, WITHDRAW, { id: 'T4' }, CALLERS.staffOf70245)).errors).toBeUndefined();
  expect(await version()).toBe(after);
});

test('an import changes it; a rejected import does not', async () => {
  const before = await version();
  const folder = mkdtempSync(join(tmpdir(), 'tdg-version-'));
  writeFileSync(join(folder, 'trainees.csv'), 'trainee_id,scitt_id,trn,route,phase,subject,academic_year,status,awarded_on\nT-NEW,70245,,PROVIDER_LED_POSTGRAD,PRIMARY,,2025,IN_TRAINING,\n');
  await importFolder(sg.orm, scitts.importSpec, folder, { operator: TEST_ADMIN });
  const after = await version();
  expect(after).not.toBe(before);

  writeFileSync(join(folder, 'trainees.csv'), 'trainee_id,scitt_id,trn,route,phase,subject,academic_year,status,awarded_on\nT-BAD,99999,,PROVIDER_LED_POSTGRAD,PRIMARY,,2025,IN_TRAINING,\n');
  await expect(importFolder(sg.orm, scitts.importSpec, folder, { operator: TEST_ADMIN })).rejects.toThrow(/load rejected/);
  expect(await version()).toBe(after);
});

test('a write that took a lower id but commits after a higher one still changes it', async () => {
  const clientUrl = sg.orm.config.get('clientUrl')!;
  const [early, late] = [new pg.Client({ connectionString: clientUrl }), new pg.Client({ connectionString: clientUrl })];
  await Promise.all([early.connect(), late.connect()]);
  const insert = `insert into audit_entry (at, actor_subject, actor_roles, source, operation, entity_type, entity_id)
                  values (now(), 'test', 'ADMIN', 'GRAPHQL', 'test', 'Test', 'x') returning id`;
  try {
    await early.query('begin');
    const low = (await early.query(insert)).rows[0].id;
    await late.query('begin');
    const high = (await late.query(insert)).rows[0].id;
    expect(BigInt(high)).toBeGreaterThan(BigInt(low));
    await late.query('commit');
    const afterHigh = await version();
    expect(afterHigh.startsWith(`${high}.`)).toBe(true);
    await early.query('commit');
    expect(await version()).not.toBe(afterHigh);
  } finally {
    await Promise.all([early.end(), late.end()]);
  }
});
