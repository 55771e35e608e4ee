import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * The gateway's bound on what it reads from a subgraph (MAX_SUBGRAPH_RESPONSE_MB, here 8 KiB): an answer past it ends
 * the whole request with RESPONSE_TOO_LARGE and no partial data; answers within it are untouched.
 */
let fed: TestFederation;
beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tdg-response-bounds-'));
  writeDemoData(generateDemoData({ size: 'small', seed: 5 }), folder);
  fed = await startFederation(folder, { MAX_SUBGRAPH_RESPONSE_MB: String(8 / 1024) });
});
afterAll(() => fed?.close());

test('an answer within the bound is served as usual', async () => {
  const res = await fed.query('{ regions { code name } }');
  expect(res.errors).toBeUndefined();
  expect((res.data as { regions: unknown[] }).regions.length).toBeGreaterThan(0);
});

test("a subgraph's answer past the bound: RESPONSE_TOO_LARGE naming the subgraph, data dropped", async () => {
  const admin = await tokenFor(PERSONAS.admin);
  const res = await fed.query('{ regions { code } schools(first: 500) { nodes { urn name localAuthority { name } } } }', {}, undefined, admin);
  expect(res.data ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]).toMatchObject({ extensions: { code: 'RESPONSE_TOO_LARGE', serviceName: 'local-authorities' } });
  expect(res.errors![0].message).toMatch(/ask for smaller pages/);
});
