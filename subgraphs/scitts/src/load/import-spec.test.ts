import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LoadRejected, importFolder } from '@tdg/kit/load/import-folder';
import { formatProblem } from '@tdg/kit/load/spec';
import { openTestDatabase } from '../../../../test/support/subgraph-harness.ts';
import { scitts } from '../index.ts';

const SCITTS_HEADER = 'scitt_id,ukprn,name,lead_school_urn,region_code';
const PARTNERS_HEADER = 'scitt_id,urn';
const TRAINEES_HEADER = 'trainee_id,scitt_id,trn,route,phase,subject,academic_year,status,awarded_on';
const PLACEMENTS_HEADER = 'placement_id,trainee_id,urn,started_on,ended_on';

/** A valid load of two SCITTs. */
const BASE: Record<string, string> = {
  'scitts.csv': `${SCITTS_HEADER}\n70245,10012345,Stockton-on-Tees Teacher Training Partnership,100001,A\n70300,,Cambridge SCITT,,G\n`,
  'scitt-partner-schools.csv': `${PARTNERS_HEADER}\n70245,100001\n70245,100002\n70300,100003\n`,
  'trainees.csv':
    `${TRAINEES_HEADER}\n` +
    'T1,70245,1234567,PROVIDER_LED_POSTGRAD,SECONDARY,100403,2023,AWARDED,2024-07-01\n' +
    'T2,70245,,SCHOOL_DIRECT_SALARIED,PRIMARY,,2024,IN_TRAINING,\n' +
    'T3,70300,,EARLY_YEARS_POSTGRAD,EARLY_YEARS,,2024,IN_TRAINING,\n',
  'placements.csv': `${PLACEMENTS_HEADER}\nP1,T1,100001,2023-09-10,2023-12-15\nP2,T2,100002,2024-09-05,\n`,
};

function folderOf(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'scitts-load-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

/** Rows per table. */
async function counts(orm: MikroORM) {
  const [row] = await orm.em
    .fork()
    .getConnection()
    .execute(
      `select (select count(*)::int from scitt) as scitts, (select count(*)::int from scitt_partner_school) as partners,
              (select count(*)::int from trainee) as trainees, (select count(*)::int from placement) as placements`,
    );
  return row as { scitts: number; partners: number; trainees: number; placements: number };
}

/** The problems of a rejected load, as `file:line:column: reason`. */
async function problemsOf(orm: MikroORM, files: Record<string, string>): Promise<string[]> {
  try {
    await importFolder(orm, scitts.importSpec, folderOf(files));
  } catch (error) {
    expect(error).toBeInstanceOf(LoadRejected);
    return (error as LoadRejected).problems.map(formatProblem);
  }
  throw new Error('the load was accepted');
}

describe('scitts import spec', () => {
  let orm: MikroORM;
  let loaded: Awaited<ReturnType<typeof counts>>;
  beforeAll(async () => {
    orm = await openTestDatabase(scitts);
    await importFolder(orm, scitts.importSpec, folderOf(BASE));
    loaded = await counts(orm);
  });
  afterAll(async () => {
    await orm.schema.dropDatabase().catch(() => undefined);
    await orm.close();
  });

  test('loads every file', () => {
    expect(loaded).toEqual({ scitts: 2, partners: 3, trainees: 3, placements: 2 });
  });

  /** Each bad load also carries a valid new SCITT, to show that nothing at all is written. */
  const NEW_SCITT = `${SCITTS_HEADER}\n70999,,New SCITT,,K\n`;

  test.each([
    ['missing required value', { 'trainees.csv': `${TRAINEES_HEADER}\nT9,70245,,,PRIMARY,,2024,IN_TRAINING,\n` }, 'trainees.csv:2:route: required value missing'],
    [
      'unknown enum',
      { 'trainees.csv': `${TRAINEES_HEADER}\nT9,70245,,PROVIDER_LED_POSTGRAD,PRIMARY,,2024,FINISHED,\n` },
      'trainees.csv:2:status: unknown value "FINISHED" (expected one of IN_TRAINING, AWARDED, DEFERRED, WITHDRAWN)',
    ],
    ['malformed SCITT URN', { 'scitts.csv': `${SCITTS_HEADER}\nSC1,,Bad SCITT,,A\n` }, 'scitts.csv:2:scitt_id: malformed URN "SC1" (expected digits)'],
    ['malformed school URN', { 'placements.csv': `${PLACEMENTS_HEADER}\nP9,T1,12345,2024-01-01,\n` }, 'placements.csv:2:urn: malformed URN "12345" (expected 6 or more digits)'],
    [
      'malformed TRN',
      { 'trainees.csv': `${TRAINEES_HEADER}\nT9,70245,123,PROVIDER_LED_POSTGRAD,PRIMARY,,2024,IN_TRAINING,\n` },
      'trainees.csv:2:trn: malformed TRN "123" (expected 7 digits)',
    ],
    ['malformed date', { 'placements.csv': `${PLACEMENTS_HEADER}\nP9,T1,100001,2024-02-30,\n` }, 'placements.csv:2:started_on: malformed date "2024-02-30" (no such day)'],
    ['malformed UKPRN', { 'scitts.csv': `${SCITTS_HEADER}\n70999,123,New SCITT,,K\n` }, 'scitts.csv:2:ukprn: malformed UKPRN "123" (expected 8 digits)'],
    ['unknown region', { 'scitts.csv': `${SCITTS_HEADER}\n70999,,New SCITT,,C\n` }, 'scitts.csv:2:region_code: unknown region code "C" (expected one of A B D E F G H J K)'],
    ['duplicate id', { 'scitts.csv': `${SCITTS_HEADER}\n70999,,New SCITT,,K\n70999,,Again,,K\n` }, 'scitts.csv:3:scitt_id: duplicate id 70999 (first on line 2)'],
    [
      'duplicate partner link',
      { 'scitt-partner-schools.csv': `${PARTNERS_HEADER}\n70245,100009\n70245,100009\n` },
      'scitt-partner-schools.csv:3:scitt_id+urn: duplicate id 70245+100009 (first on line 2)',
    ],
    [
      'reference to a SCITT the subgraph does not hold',
      { 'trainees.csv': `${TRAINEES_HEADER}\nT9,99999,,PROVIDER_LED_POSTGRAD,PRIMARY,,2024,IN_TRAINING,\n` },
      'trainees.csv:2:scitt_id: unknown scitt_id "99999": no such id in scitts.csv or already loaded',
    ],
    [
      'partner link to a SCITT the subgraph does not hold',
      { 'scitt-partner-schools.csv': `${PARTNERS_HEADER}\n88888,100001\n` },
      'scitt-partner-schools.csv:2:scitt_id: unknown scitt_id "88888": no such id in scitts.csv or already loaded',
    ],
    [
      'reference to a trainee the subgraph does not hold',
      { 'placements.csv': `${PLACEMENTS_HEADER}\nP9,T404,100001,2024-01-01,\n` },
      'placements.csv:2:trainee_id: unknown trainee_id "T404": no such id in trainees.csv or already loaded',
    ],
    [
      'SECONDARY without subject',
      { 'trainees.csv': `${TRAINEES_HEADER}\nT9,70245,,PROVIDER_LED_POSTGRAD,SECONDARY,,2024,IN_TRAINING,\n` },
      'trainees.csv:2:subject: subject (HECoS code) is required for a SECONDARY course',
    ],
    [
      'early-years route outside the early-years phase',
      { 'trainees.csv': `${TRAINEES_HEADER}\nT9,70245,,EARLY_YEARS_SALARIED,PRIMARY,,2024,IN_TRAINING,\n` },
      'trainees.csv:2:phase: route EARLY_YEARS_SALARIED is an early-years route: phase must be EARLY_YEARS, not PRIMARY',
    ],
    [
      'AWARDED without awarded_on',
      { 'trainees.csv': `${TRAINEES_HEADER}\nT9,70245,1234567,PROVIDER_LED_POSTGRAD,PRIMARY,,2024,AWARDED,\n` },
      'trainees.csv:2:awarded_on: awarded_on is required when status is AWARDED',
    ],
    ['placement ended before it started', { 'placements.csv': `${PLACEMENTS_HEADER}\nP9,T1,100001,2024-03-01,2024-02-28\n` }, 'placements.csv:2:ended_on: ended_on is before started_on'],
  ])('rejects %s, naming file, line, column and reason, and changes nothing', async (_, files, problem) => {
    const problems = await problemsOf(orm, { 'scitts.csv': NEW_SCITT, ...files });
    expect(problems).toContain(problem);
    expect(await counts(orm)).toEqual(loaded);
  });

  test('rejects a file missing a required column', async () => {
    expect(await problemsOf(orm, { 'placements.csv': 'placement_id,trainee_id,started_on\nP9,T1,2024-01-01\n' })).toEqual([
      'placements.csv:1:urn: required column missing from the header',
    ]);
    expect(await counts(orm)).toEqual(loaded);
  });

  test('loading the same folder twice gives the same data', async () => {
    const folder = folderOf(BASE);
    await importFolder(orm, scitts.importSpec, folder);
    await importFolder(orm, scitts.importSpec, folder);
    expect(await counts(orm)).toEqual(loaded);
  });

  test('a row whose key exists replaces that row; other rows stay; references may name rows already loaded', async () => {
    await importFolder(
      orm,
      scitts.importSpec,
      folderOf({
        'trainees.csv': `${TRAINEES_HEADER}\nT2,70245,2345678,SCHOOL_DIRECT_SALARIED,PRIMARY,,2024,AWARDED,2025-07-10\n`,
        'placements.csv': `${PLACEMENTS_HEADER}\nP3,T3,100003,2024-10-01,\n`,
        'scitt-partner-schools.csv': `${PARTNERS_HEADER}\n70245,100001\n70300,100004\n`,
      }),
    );
    expect(await counts(orm)).toEqual({ ...loaded, partners: loaded.partners + 1, placements: loaded.placements + 1 });
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute(`select id, trn, status, awarded_on::text as awarded_on from trainee order by id`);
    expect(rows).toEqual([
      { id: 'T1', trn: '1234567', status: 'AWARDED', awarded_on: '2024-07-01' },
      { id: 'T2', trn: '2345678', status: 'AWARDED', awarded_on: '2025-07-10' },
      { id: 'T3', trn: null, status: 'IN_TRAINING', awarded_on: null },
    ]);
  });

  test('an unknown column is ignored with a warning', async () => {
    const before = await counts(orm);
    const result = await importFolder(
      orm,
      scitts.importSpec,
      folderOf({ 'scitts.csv': `${SCITTS_HEADER},notes\n70245,10012345,Stockton-on-Tees Teacher Training Partnership,100001,A,flagship\n` }),
    );
    expect(result.warnings).toEqual(['scitts.csv:1:notes: unknown column ignored']);
    expect(result.loaded).toEqual({ 'scitts.csv': 1 });
    expect(await counts(orm)).toEqual(before);
  });
});
