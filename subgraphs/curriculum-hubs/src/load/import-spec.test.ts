import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LoadRejected, importFolder } from '@tdg/kit/load/import-folder';
import { formatProblem } from '@tdg/kit/load/spec';
import { openTestDatabase } from '../../../../test/support/subgraph-harness.ts';
import { curriculumHubs } from '../index.ts';

const HUBS_HEADER = 'hub_id,name,kind,lead_school_urn,la_codes';
const PROGRAMMES_HEADER = 'programme_id,hub_id,title,academic_year,workgroup_phase';
const PARTICIPATIONS_HEADER = 'programme_id,urn,teachers';

/** The valid load every test starts from. */
const BASE = {
  'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,North East Maths Hub,MATHS,100001,808;805', 'SLP01,STELLAR,SCIENCE,,855'],
  'programmes.csv': [PROGRAMMES_HEADER, 'P1,MH01,Teaching for Mastery,2024,DEVELOPMENT', 'P2,SLP01,Subject leadership,2023,'],
  'participations.csv': [PARTICIPATIONS_HEADER, 'P1,100001,3', 'P1,100002,', 'P2,100003,0'],
};

/** A folder holding the files given (each as its lines). */
function folderOf(files: Record<string, string[]>): string {
  const folder = mkdtempSync(join(tmpdir(), 'ch-load-'));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(folder, name), lines.join('\n') + '\n');
  return folder;
}

const TABLES = ['curriculum_hub', 'curriculum_hub_local_authority', 'programme', 'participation'] as const;

async function counts(orm: MikroORM): Promise<Record<string, number>> {
  const em = orm.em.fork();
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await em.getConnection().execute(`select count(*)::int as n from ${t}`))[0].n);
  return out;
}

async function rows(orm: MikroORM, sql: string): Promise<Record<string, unknown>[]> {
  return orm.em.fork().getConnection().execute(sql);
}

/** The problems of a rejected load, as `file:line:column: reason`. */
async function problemsOf(orm: MikroORM, files: Record<string, string[]>): Promise<string[]> {
  try {
    await importFolder(orm, curriculumHubs.importSpec, folderOf(files));
  } catch (error) {
    if (error instanceof LoadRejected) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('the load was accepted');
}

describe('curriculum-hubs load: every bad row rejects the whole load and changes nothing', () => {
  let orm: MikroORM;
  let before: Record<string, number>;
  beforeAll(async () => {
    orm = await openTestDatabase(curriculumHubs);
    await importFolder(orm, curriculumHubs.importSpec, folderOf(BASE));
    before = await counts(orm);
  });
  afterAll(async () => {
    await orm.schema.dropDatabase().catch(() => undefined);
    await orm.close();
  });

  /** Loads the base folder with some files replaced, expects exactly these problems, and an unchanged database. */
  const rejects = async (files: Partial<Record<keyof typeof BASE, string[]>>, expected: string[]) => {
    const problems = await problemsOf(orm, { ...BASE, ...files } as Record<string, string[]>);
    expect(problems).toEqual(expected);
    expect(await counts(orm)).toEqual(before);
  };

  test('the base load is in', () => {
    expect(before).toEqual({ curriculum_hub: 2, curriculum_hub_local_authority: 3, programme: 2, participation: 3 });
  });

  test('missing required value', async () => {
    await rejects({ 'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,,MATHS,,808', 'EH01,English Hub,ENGLISH,,808'] }, [
      'curriculum-hubs.csv:2:name: required value missing',
    ]);
    await rejects({ 'programmes.csv': [PROGRAMMES_HEADER, 'P1,MH01,Teaching for Mastery,,'] }, ['programmes.csv:2:academic_year: required value missing']);
    await rejects({ 'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,Maths,MATHS,,'] }, ['curriculum-hubs.csv:2:la_codes: required value missing']);
  });

  test('required column missing from the header', async () => {
    await rejects({ 'participations.csv': ['programme_id,teachers', 'P1,2'] }, ['participations.csv:1:urn: required column missing from the header']);
  });

  test('unknown enum value', async () => {
    await rejects({ 'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,Maths,PHYSICS,,808'] }, [
      'curriculum-hubs.csv:2:kind: unknown value "PHYSICS" (expected one of MATHS, ENGLISH, COMPUTING, SCIENCE, MUSIC, LANGUAGES)',
    ]);
    await rejects({ 'programmes.csv': [PROGRAMMES_HEADER, 'P1,MH01,Teaching for Mastery,2024,EMBEDDED'] }, [
      'programmes.csv:2:workgroup_phase: unknown value "EMBEDDED" (expected one of READINESS, DEVELOPMENT, EMBEDDING, SUSTAINING)',
    ]);
  });

  test('malformed URN', async () => {
    await rejects({ 'participations.csv': [PARTICIPATIONS_HEADER, 'P1,12345,1'] }, [
      'participations.csv:2:urn: malformed URN "12345" (expected 6 or more digits)',
    ]);
    await rejects({ 'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,Maths,MATHS,10000A,808'] }, [
      'curriculum-hubs.csv:2:lead_school_urn: malformed URN "10000A" (expected 6 or more digits)',
    ]);
  });

  test('malformed academic year (these files carry no dates: the academic year is their only time field)', async () => {
    await rejects({ 'programmes.csv': [PROGRAMMES_HEADER, 'P1,MH01,Teaching for Mastery,2024/25,'] }, [
      'programmes.csv:2:academic_year: malformed academic year "2024/25" (expected its starting year, e.g. 2024)',
    ]);
    await rejects({ 'programmes.csv': [PROGRAMMES_HEADER, 'P1,MH01,Teaching for Mastery,1890,'] }, [
      'programmes.csv:2:academic_year: academic year 1890 out of range 1990–2100',
    ]);
  });

  test('malformed, unknown or absent LA codes', async () => {
    await rejects({ 'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,Maths,MATHS,,808;80'] }, [
      'curriculum-hubs.csv:2:la_codes: malformed LA code "80" (expected 3 digits)',
    ]);
    await rejects({ 'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,Maths,MATHS,,808;999'] }, ['curriculum-hubs.csv:2:la_codes: unknown LA code "999"']);
    await rejects({ 'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,Maths,MATHS,,;'] }, ['curriculum-hubs.csv:2:la_codes: at least one LA code is required']);
  });

  test('duplicate id, and duplicate programme_id+urn', async () => {
    await rejects({ 'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,Maths,MATHS,,808', 'MH01,Maths again,MATHS,,805'] }, [
      'curriculum-hubs.csv:3:hub_id: duplicate id MH01 (first on line 2)',
    ]);
    await rejects({ 'programmes.csv': [PROGRAMMES_HEADER, 'P1,MH01,A,2024,', 'P1,MH01,B,2024,'] }, ['programmes.csv:3:programme_id: duplicate id P1 (first on line 2)']);
    await rejects({ 'participations.csv': [PARTICIPATIONS_HEADER, 'P1,100001,1', 'P1,100001,2'] }, [
      'participations.csv:3:programme_id+urn: duplicate id P1+100001 (first on line 2)',
    ]);
  });

  test('reference to a hub or programme the subgraph does not hold', async () => {
    await rejects({ 'programmes.csv': [PROGRAMMES_HEADER, 'P9,XX01,Unknown hub,2024,'] }, [
      'programmes.csv:2:hub_id: unknown hub_id "XX01": no such id in curriculum-hubs.csv or already loaded',
    ]);
    await rejects({ 'participations.csv': [PARTICIPATIONS_HEADER, 'P9,100001,1'] }, [
      'participations.csv:2:programme_id: unknown programme_id "P9": no such id in programmes.csv or already loaded',
    ]);
  });

  test('negative or fractional teachers', async () => {
    await rejects({ 'participations.csv': [PARTICIPATIONS_HEADER, 'P1,100001,-1', 'P1,100002,1.5'] }, [
      'participations.csv:2:teachers: -1 is out of range 0–100000',
      'participations.csv:3:teachers: "1.5" is not a whole number',
    ]);
  });

  test('a row with the wrong number of cells', async () => {
    await rejects({ 'participations.csv': [PARTICIPATIONS_HEADER, 'P1,100001'] }, ['participations.csv:2:-: expected 3 cells, found 2']);
  });

  test('an empty teachers cell means 1, zero stays 0', async () => {
    expect(await rows(orm, `select programme_id, urn, teachers from participation order by programme_id, urn`)).toEqual([
      { programme_id: 'P1', urn: '100001', teachers: 3 },
      { programme_id: 'P1', urn: '100002', teachers: 1 },
      { programme_id: 'P2', urn: '100003', teachers: 0 },
    ]);
  });
});

describe('curriculum-hubs load: keyed replacement', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openTestDatabase(curriculumHubs);
  });
  afterAll(async () => {
    await orm.schema.dropDatabase().catch(() => undefined);
    await orm.close();
  });

  test('loading the same folder twice gives the same data', async () => {
    const folder = folderOf(BASE);
    await importFolder(orm, curriculumHubs.importSpec, folder);
    const first = await counts(orm);
    const result = await importFolder(orm, curriculumHubs.importSpec, folder);
    expect(await counts(orm)).toEqual(first);
    expect(first).toEqual({ curriculum_hub: 2, curriculum_hub_local_authority: 3, programme: 2, participation: 3 });
    expect(result.loaded).toEqual({ 'curriculum-hubs.csv': 2, 'programmes.csv': 2, 'participations.csv': 3 });
  });

  test('a row whose key exists replaces it (a hub its LA list); other rows stay', async () => {
    await importFolder(
      orm,
      curriculumHubs.importSpec,
      folderOf({
        'curriculum-hubs.csv': [HUBS_HEADER, 'MH01,Tees Valley Maths Hub,MATHS,100004,808'],
        'participations.csv': [PARTICIPATIONS_HEADER, 'P1,100001,7', 'P2,100005,'],
      }),
    );
    expect(await rows(orm, `select id, name, lead_school_urn from curriculum_hub order by id`)).toEqual([
      { id: 'MH01', name: 'Tees Valley Maths Hub', lead_school_urn: '100004' },
      { id: 'SLP01', name: 'STELLAR', lead_school_urn: null },
    ]);
    expect(await rows(orm, `select hub_id, la_code from curriculum_hub_local_authority order by hub_id, la_code`)).toEqual([
      { hub_id: 'MH01', la_code: '808' },
      { hub_id: 'SLP01', la_code: '855' },
    ]);
    // programmes already held are referenced without being in this load
    expect(await rows(orm, `select programme_id, urn, teachers from participation order by programme_id, urn`)).toEqual([
      { programme_id: 'P1', urn: '100001', teachers: 7 },
      { programme_id: 'P1', urn: '100002', teachers: 1 },
      { programme_id: 'P2', urn: '100003', teachers: 0 },
      { programme_id: 'P2', urn: '100005', teachers: 1 },
    ]);
  });

  test('an extra column is ignored with a warning; other subgraphs\' files are not read', async () => {
    const warnings: string[] = [];
    const folder = folderOf({
      'curriculum-hubs.csv': [`${HUBS_HEADER},notes`, 'EH01,Tees English Hub,ENGLISH,,808;805,anything'],
      'schools.csv': ['urn,name', 'not,read'],
    });
    const result = await importFolder(orm, curriculumHubs.importSpec, folder, { log: (line) => warnings.push(line) });
    expect(result.warnings).toEqual(['curriculum-hubs.csv:1:notes: unknown column ignored']);
    expect(warnings).toContain('warning: curriculum-hubs.csv:1:notes: unknown column ignored');
    expect(result.loaded).toEqual({ 'curriculum-hubs.csv': 1 });
    expect(await rows(orm, `select la_code from curriculum_hub_local_authority where hub_id = 'EH01' order by la_code`)).toEqual([
      { la_code: '805' },
      { la_code: '808' },
    ]);
  });
});
