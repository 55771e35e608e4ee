import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LoadRejected, importFolder } from '@tdg/kit/load/import-folder';
import { formatProblem } from '@tdg/kit/load/spec';
import { query } from '@tdg/kit/sql';
import { openTestDatabase } from '../../../../test/support/subgraph-harness.ts';
import { teachingSchoolHubs } from '../index.ts';

/** A folder's files: name → CSV text. */
type Files = Record<string, string>;

const BASE: Files = {
  'teaching-school-hubs.csv': 'hub_id,name,lead_school_urn,region_code,la_codes\nEE3,Cambridgeshire and Peterborough TSH,110001,G,873;874\nEE2,Unity TSH,,G,881;935\n',
  'ect-inductions.csv':
    'induction_id,trn,school_urn,hub_id,academic_year,training_programme,status,started_on,finished_on,mentor_trn\n' +
    'I1,1000001,100001,EE3,2024,PROVIDER_LED,IN_PROGRESS,2024-09-02,,2000001\n' +
    'I2,1000002,100002,EE2,2023,SCHOOL_LED,PASSED,2023-09-04,2025-07-18,\n',
  'npq-enrolments.csv': 'enrolment_id,trn,school_urn,hub_id,course,cohort,status\nN1,2000001,100001,EE3,NPQLT,2024,ACTIVE\nN2,1000002,100002,EE2,NPQSL,2025,DEFERRED\n',
  'hub-partnerships.csv': 'hub_id,partner_kind,partner_id\nEE3,SCITT,70245\nEE3,CURRICULUM_HUB,MH-01\nEE2,LOCAL_AUTHORITY,881\n',
};

const TABLES = ['teaching_school_hub', 'hub_local_authority', 'ect_induction', 'npq_enrolment', 'hub_partnership'] as const;

function folderOf(files: Files): string {
  const folder = mkdtempSync(join(tmpdir(), 'tsh-load-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

describe('teaching-school-hubs import spec', () => {
  let orm: MikroORM;
  const counts = async () => {
    const em = orm.em.fork();
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = (await query<{ n: number }>(em, `select count(*)::int as n from ${t}`))[0].n;
    return out;
  };
  const load = (files: Files) => importFolder(orm, teachingSchoolHubs.importSpec, folderOf(files));

  /** Loads a bad folder: it must be rejected with exactly these problems, and the database left as it was. */
  const rejects = async (files: Files, expected: string[]) => {
    const before = await counts();
    const error = await load(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadRejected);
    expect((error as LoadRejected).problems.map(formatProblem)).toEqual(expected);
    expect(await counts()).toEqual(before);
  };

  beforeAll(async () => {
    orm = await openTestDatabase(teachingSchoolHubs);
    await load(BASE);
  });
  afterAll(async () => {
    await orm?.schema.dropDatabase().catch(() => undefined);
    await orm?.close();
  });

  test('loads the four files', async () => {
    expect(await counts()).toEqual({ teaching_school_hub: 2, hub_local_authority: 4, ect_induction: 2, npq_enrolment: 2, hub_partnership: 3 });
  });

  test('loading the same folder twice gives the same data', async () => {
    const before = await counts();
    const result = await load(BASE);
    expect(result.loaded).toEqual({ 'teaching-school-hubs.csv': 2, 'ect-inductions.csv': 2, 'npq-enrolments.csv': 2, 'hub-partnerships.csv': 3 });
    expect(await counts()).toEqual(before);
  });

  test('rejects a missing required value', () =>
    rejects({ ...BASE, 'ect-inductions.csv': BASE['ect-inductions.csv'].replace('I1,1000001,', 'I1,,') }, ['ect-inductions.csv:2:trn: required value missing']));

  test('rejects a missing required column', () =>
    rejects({ ...BASE, 'npq-enrolments.csv': 'enrolment_id,trn,school_urn,hub_id,course,status\nN9,2000001,100001,EE3,NPQLT,ACTIVE\n' }, [
      'npq-enrolments.csv:1:cohort: required column missing from the header',
    ]));

  test('rejects an unknown enum value', () =>
    rejects({ ...BASE, 'ect-inductions.csv': BASE['ect-inductions.csv'].replace('PASSED', 'QUALIFIED') }, [
      'ect-inductions.csv:3:status: unknown value "QUALIFIED" (expected one of IN_PROGRESS, PASSED, FAILED, EXTENDED, WITHDRAWN)',
    ]));

  test('rejects an unknown NPQ course and partner kind', () =>
    rejects(
      {
        ...BASE,
        'npq-enrolments.csv': BASE['npq-enrolments.csv'].replace('NPQLT', 'NPQXX'),
        'hub-partnerships.csv': BASE['hub-partnerships.csv'].replace('SCITT', 'UNIVERSITY'),
      },
      [
        'hub-partnerships.csv:2:partner_kind: unknown value "UNIVERSITY" (expected one of SCITT, CURRICULUM_HUB, LOCAL_AUTHORITY)',
        'npq-enrolments.csv:2:course: unknown value "NPQXX" (expected one of NPQLT, NPQLTD, NPQLBC, NPQLL, NPQLPM, NPQSENCO, NPQSL, NPQH, NPQEL, NPQEYL)',
      ],
    ));

  test('rejects a malformed URN', () =>
    rejects({ ...BASE, 'npq-enrolments.csv': BASE['npq-enrolments.csv'].replace('N2,1000002,100002', 'N2,1000002,10002A') }, [
      'npq-enrolments.csv:3:school_urn: malformed URN "10002A" (expected 6 or more digits)',
    ]));

  test('rejects a malformed lead school URN', () =>
    rejects({ ...BASE, 'teaching-school-hubs.csv': BASE['teaching-school-hubs.csv'].replace('110001', '1101') }, [
      'teaching-school-hubs.csv:2:lead_school_urn: malformed URN "1101" (expected 6 or more digits)',
    ]));

  test('rejects a malformed TRN, also as mentor', () =>
    rejects({ ...BASE, 'ect-inductions.csv': BASE['ect-inductions.csv'].replace('I1,1000001', 'I1,100001').replace(',2000001', ',20000011') }, [
      'ect-inductions.csv:2:trn: malformed TRN "100001" (expected 7 digits)',
      'ect-inductions.csv:2:mentor_trn: malformed TRN "20000011" (expected 7 digits)',
    ]));

  test('rejects a malformed or impossible date', () =>
    rejects({ ...BASE, 'ect-inductions.csv': BASE['ect-inductions.csv'].replace('2024-09-02', '02/09/2024').replace('2025-07-18', '2025-02-30') }, [
      'ect-inductions.csv:2:started_on: malformed date "02/09/2024" (expected YYYY-MM-DD)',
      'ect-inductions.csv:3:finished_on: malformed date "2025-02-30" (no such day)',
    ]));

  test('rejects a malformed academic year', () =>
    rejects({ ...BASE, 'npq-enrolments.csv': BASE['npq-enrolments.csv'].replace(',2025,', ',2025/26,') }, [
      'npq-enrolments.csv:3:cohort: malformed academic year "2025/26" (expected its starting year, e.g. 2024)',
    ]));

  test('rejects a malformed LA code, an empty LA list, a bad region and a malformed hub id', () =>
    rejects(
      {
        ...BASE,
        'teaching-school-hubs.csv':
          'hub_id,name,lead_school_urn,region_code,la_codes\nEE3,Cambridgeshire and Peterborough TSH,110001,G,873;87\nEE2,Unity TSH,,G,;\nEE4,Hub,,Z,926\nE-5,Hub,,G,926\n',
      },
      [
        'teaching-school-hubs.csv:2:la_codes: malformed LA code "87" (expected 3 digits)',
        'teaching-school-hubs.csv:3:la_codes: at least one LA code required',
        'teaching-school-hubs.csv:4:region_code: unknown region code "Z" (expected one of A B D E F G H J K)',
        'teaching-school-hubs.csv:5:hub_id: malformed hub area code "E-5" (expected letters then digits, e.g. EE3)',
      ],
    ));

  test('rejects a duplicate id, and a duplicate partnership (keyed by all its columns)', () =>
    rejects(
      {
        ...BASE,
        'ect-inductions.csv': BASE['ect-inductions.csv'] + 'I1,1000009,100009,EE3,2024,PROVIDER_LED,IN_PROGRESS,2024-09-02,,\n',
        'hub-partnerships.csv': BASE['hub-partnerships.csv'] + 'EE3,SCITT,70245\n',
      },
      [
        'ect-inductions.csv:4:induction_id: duplicate id I1 (first on line 2)',
        'hub-partnerships.csv:5:hub_id+partner_kind+partner_id: duplicate id EE3+SCITT+70245 (first on line 2)',
      ],
    ));

  test('rejects a reference to a hub the subgraph does not hold', () =>
    rejects(
      {
        'ect-inductions.csv': BASE['ect-inductions.csv'].replace('I2,1000002,100002,EE2', 'I2,1000002,100002,SW9'),
        'npq-enrolments.csv': BASE['npq-enrolments.csv'].replace('N1,2000001,100001,EE3', 'N1,2000001,100001,NE1'),
        'hub-partnerships.csv': 'hub_id,partner_kind,partner_id\nYH10,SCITT,70245\n',
      },
      [
        'ect-inductions.csv:3:hub_id: unknown hub_id "SW9": no such id in teaching-school-hubs.csv or already loaded',
        'hub-partnerships.csv:2:hub_id: unknown hub_id "YH10": no such id in teaching-school-hubs.csv or already loaded',
        'npq-enrolments.csv:2:hub_id: unknown hub_id "NE1": no such id in teaching-school-hubs.csv or already loaded',
      ],
    ));

  test('rejects an induction finished before it started', () =>
    rejects({ ...BASE, 'ect-inductions.csv': BASE['ect-inductions.csv'].replace('2025-07-18', '2023-09-03') }, [
      'ect-inductions.csv:3:finished_on: finished_on is before started_on',
    ]));

  test('rejects an induction whose finished_on does not agree with its status, and a mentor who is the ECT', () =>
    rejects(
      {
        ...BASE,
        'ect-inductions.csv':
          BASE['ect-inductions.csv'].replace('2024-09-02,,2000001', '2024-09-02,2025-07-18,1000001').replace('2025-07-18,\n', ',\n') +
          'I3,1000003,100003,EE3,2024,SCHOOL_LED,EXTENDED,2024-09-02,,\n',
      },
      [
        'ect-inductions.csv:2:finished_on: finished_on must be empty while the status is IN_PROGRESS',
        'ect-inductions.csv:2:mentor_trn: mentor_trn is the ECT’s own TRN',
        'ect-inductions.csv:3:finished_on: finished_on is required when the status is PASSED',
      ],
    ));

  test('a rejected load writes nothing, not even the good files', async () => {
    await rejects(
      {
        ...BASE,
        'teaching-school-hubs.csv': BASE['teaching-school-hubs.csv'] + 'NE1,North East Hub,,A,808\n',
        'npq-enrolments.csv': BASE['npq-enrolments.csv'].replace('ACTIVE', 'ENROLLED'),
      },
      ['npq-enrolments.csv:2:status: unknown value "ENROLLED" (expected one of ACTIVE, DEFERRED, WITHDRAWN, PASSED, FAILED)'],
    );
    const hubs = await query<{ id: string }>(orm.em.fork(), 'select id from teaching_school_hub order by id');
    expect(hubs.map((h) => h.id)).toEqual(['EE2', 'EE3']);
  });

  test('references a hub already loaded; replaces rows by key and a hub’s LA list; keeps other rows', async () => {
    const before = await counts();
    await load({
      'teaching-school-hubs.csv': 'hub_id,name,lead_school_urn,region_code,la_codes\nEE3,Cambridgeshire & Peterborough TSH,,G,873\n',
      'ect-inductions.csv':
        'induction_id,trn,school_urn,hub_id,academic_year,training_programme,status,started_on,finished_on,mentor_trn\n' +
        'I1,1000001,100001,EE3,2024,PROVIDER_LED,PASSED,2024-09-02,2025-07-17,\n' +
        'I3,1000003,100003,EE2,2024,SCHOOL_LED,IN_PROGRESS,2024-09-02,,\n',
    });
    expect(await counts()).toEqual({ ...before, hub_local_authority: before.hub_local_authority - 1, ect_induction: before.ect_induction + 1 });
    const em = orm.em.fork();
    expect(await query(em, `select hub_id, la_code from hub_local_authority order by hub_id, la_code`)).toEqual([
      { hub_id: 'EE2', la_code: '881' },
      { hub_id: 'EE2', la_code: '935' },
      { hub_id: 'EE3', la_code: '873' },
    ]);
    expect(await query(em, `select id, name, lead_school_urn from teaching_school_hub where id = 'EE3'`)).toEqual([
      { id: 'EE3', name: 'Cambridgeshire & Peterborough TSH', lead_school_urn: null },
    ]);
    expect(await query(em, `select id, status, finished_on::text, mentor_trn from ect_induction order by id`)).toEqual([
      { id: 'I1', status: 'PASSED', finished_on: '2025-07-17', mentor_trn: null },
      { id: 'I2', status: 'PASSED', finished_on: '2025-07-18', mentor_trn: null },
      { id: 'I3', status: 'IN_PROGRESS', finished_on: null, mentor_trn: null },
    ]);
  });

  test('an extra column is ignored with a warning', async () => {
    const result = await load({ 'hub-partnerships.csv': 'hub_id,partner_kind,partner_id,notes\nEE2,SCITT,70245,new partner\n' });
    expect(result.warnings).toEqual(['hub-partnerships.csv:1:notes: unknown column ignored']);
    expect(await query(orm.em.fork(), `select partner_kind, partner_id from hub_partnership where hub_id = 'EE2' order by 1`)).toEqual([
      { partner_kind: 'LOCAL_AUTHORITY', partner_id: '881' },
      { partner_kind: 'SCITT', partner_id: '70245' },
    ]);
  });
});
