import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '@tdg/kit/auth/identity';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * Identical reads in flight share one subgraph call only between callers of the same access scope
 * (gateway/src/signed-data-source.ts): through the real gateway and subgraphs, callers of different scopes asking the
 * same personal query at the same moment each get exactly the answer they get when asking alone.
 */
let fed: TestFederation;
const callers: Record<string, Identity> = {
  'scitt-staff': PERSONAS['scitt-staff'],
  'other-scitt-staff': { ...PERSONAS['scitt-staff'], subject: 'other-scitt', organisation: 'scitt:70779' },
  'national-analyst': PERSONAS['national-analyst'],
  'another-national-analyst': { ...PERSONAS['national-analyst'], subject: 'another-analyst' },
  admin: PERSONAS.admin,
  anonymous: null as unknown as Identity,
};
const tokens: Record<string, string | undefined> = {};

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tdg-shared-reads-'));
  writeDemoData(generateDemoData({ size: 'small', seed: 5 }), folder);
  fed = await startFederation(folder);
  for (const [name, identity] of Object.entries(callers)) tokens[name] = identity ? await tokenFor(identity) : undefined;
});
afterAll(() => fed?.close());

const PERSONAL = '{ scitt(id: "70245") { name trainees { id status } } }';
const AGGREGATE = '{ region(code: "A") { code openSchoolCount ectCount: inductionEngagement(academicYear: 2023) { ects } } }';

test.each([
  ['a personal read', PERSONAL],
  ['an aggregate read', AGGREGATE],
])('%s sent by callers of different scopes at once: each gets what it gets alone', async (_label, query) => {
  const alone: Record<string, unknown> = {};
  for (const name of Object.keys(callers)) alone[name] = await fed.query(query, {}, undefined, tokens[name]);
  for (let round = 0; round < 3; round++) {
    const names = Object.keys(callers);
    const together = await Promise.all(names.map((name) => fed.query(query, {}, undefined, tokens[name])));
    expect(Object.fromEntries(names.map((name, i) => [name, together[i]]))).toEqual(alone);
  }
  // The SCITT's own staff see its trainees; another SCITT's staff and analysts do not.
  if (query === PERSONAL) {
    expect((alone['scitt-staff'] as { data: { scitt: { trainees: unknown[] } } }).data.scitt.trainees.length).toBeGreaterThan(0);
    expect((alone['other-scitt-staff'] as { data: { scitt: { trainees: unknown[] } } }).data.scitt.trainees).toEqual([]);
  }
});
