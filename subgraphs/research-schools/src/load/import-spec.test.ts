import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LoadRejected, importFolder } from '@tdg/kit/load/import-folder';
import { formatProblem } from '@tdg/kit/load/spec';
import { openTestDatabase } from '../../../../test/support/subgraph-harness.ts';
import researchSchools from '../index.ts';

const SAMPLE = new URL('../../sample-data', import.meta.url);
const HEADER = 'research_school_id,name,designation,lead_school_urn,la_code';

const PROGRAMMES = 'programme_id,research_school_id,title,theme,academic_year';
const PARTICIPATIONS = 'programme_id,urn,teachers';
/** Programme and participation files with a header only. */
const NO_PROGRAMMES = { 'research-programmes.csv': [PROGRAMMES], 'research-participations.csv': [PARTICIPATIONS] };

/** A copy of the sample folder with `research-schools.csv` replaced by the lines given (and the other files as given). */
function folderWith(lines: string[], others: Record<string, string[]> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'research-schools-load-'));
  cpSync(SAMPLE, folder, { recursive: true });
  writeFileSync(join(folder, 'research-schools.csv'), `${[HEADER, ...lines].join('\n')}\n`);
  for (const [file, rows] of Object.entries(others)) writeFileSync(join(folder, file), `${rows.join('\n')}\n`);
  return folder;
}

/** Programmes and participations, ordered by key. */
const programmeRowsOf = async (orm: MikroORM) =>
  orm.em
    .fork()
    .getConnection()
    .execute(
      `select g.id, g.research_school_id, g.title, g.theme, g.academic_year, p.urn, p.teachers
       from research_programme g left join research_participation p on p.programme_id = g.id order by g.id, p.urn`,
    );

/** Every row of the table, ordered by id. */
const rowsOf = async (orm: MikroORM): Promise<{ id: string; name: string; designation: string; lead_school_urn: string | null; la_code: string }[]> =>
  orm.em.fork().getConnection().execute('select id, name, designation, lead_school_urn, la_code from research_school order by id');

describe('research-schools import', () => {
  let orm: MikroORM;
  beforeEach(async () => {
    orm = await openTestDatabase(researchSchools);
  });
  afterEach(async () => {
    await orm.schema.dropDatabase().catch(() => undefined);
    await orm.close();
  });

  test('loads the sample folder, and loading it twice gives the same rows', async () => {
    await importFolder(orm, researchSchools.importSpec, new URL('../../sample-data', import.meta.url).pathname);
    const first = await rowsOf(orm);
    expect(first.map((r) => [r.id, r.designation])).toEqual([
      ['RS-1', 'RESEARCH_SCHOOL'],
      ['RS-2', 'ASSOCIATE_RESEARCH_SCHOOL'],
    ]);
    const programmes = await programmeRowsOf(orm);
    expect(programmes.map((r) => [r.id, r.urn, r.teachers])).toEqual([
      ['RP-1', '100000', 3],
      ['RP-1', '100001', 1],
      ['RP-2', '100000', 2],
      ['RP-3', '100002', 4],
    ]);
    await importFolder(orm, researchSchools.importSpec, new URL('../../sample-data', import.meta.url).pathname);
    expect(await rowsOf(orm)).toEqual(first);
    expect(await programmeRowsOf(orm)).toEqual(programmes);
  });

  test('a bad row rejects the whole load with file:line:column, and changes nothing', async () => {
    await importFolder(orm, researchSchools.importSpec, folderWith(['A1,Kept,RESEARCH_SCHOOL,,808'], NO_PROGRAMMES));
    const before = await rowsOf(orm);
    const programmesBefore = await programmeRowsOf(orm);
    let problems: string[] = [];
    try {
      await importFolder(
        orm,
        researchSchools.importSpec,
        folderWith(['A2,New one,RESEARCH_SCHOOL,100001,808', 'A3,,ASSOCIATE_RESEARCH_SCHOOL,12,808', 'A4,Unknown LA,RESEARCH_SCHOOL,,999', 'A5,No designation,,,808'], NO_PROGRAMMES),
      );
    } catch (error) {
      if (!(error instanceof LoadRejected)) throw error;
      problems = error.problems.map(formatProblem);
    }
    expect(problems).toEqual([
      expect.stringMatching(/^research-schools\.csv:3:name: /),
      expect.stringMatching(/^research-schools\.csv:3:lead_school_urn: /),
      expect.stringMatching(/^research-schools\.csv:4:la_code: /),
      expect.stringMatching(/^research-schools\.csv:5:designation: /),
    ]);
    expect(await rowsOf(orm)).toEqual(before);
    expect(await programmeRowsOf(orm)).toEqual(programmesBefore);
  });

  test('programmes and participations: bad themes, years, teachers and unknown references reject the load with file:line:column', async () => {
    let problems: string[] = [];
    try {
      await importFolder(
        orm,
        researchSchools.importSpec,
        folderWith(['RS-1,Tees Valley Research School,RESEARCH_SCHOOL,100000,808'], {
          'research-programmes.csv': [PROGRAMMES, 'P1,RS-1,Feedback,FEEDBACK,2024', 'P2,RS-1,Astrology,ASTROLOGY,2024', 'P3,RS-9,Orphan,SEND,2024', 'P4,RS-1,Old,SEND,1850'],
          'research-participations.csv': [PARTICIPATIONS, 'P1,100000,2', 'P1,100001,-1', 'P9,100002,1'],
        }),
      );
    } catch (error) {
      if (!(error instanceof LoadRejected)) throw error;
      problems = error.problems.map(formatProblem);
    }
    expect(problems).toEqual([
      expect.stringMatching(/^research-participations\.csv:3:teachers: /),
      expect.stringMatching(/^research-participations\.csv:4:programme_id: unknown programme_id "P9"/),
      expect.stringMatching(/^research-programmes\.csv:3:theme: unknown value "ASTROLOGY"/),
      expect.stringMatching(/^research-programmes\.csv:4:research_school_id: unknown research_school_id "RS-9"/),
      expect.stringMatching(/^research-programmes\.csv:5:academic_year: /),
    ]);
    expect(await rowsOf(orm)).toEqual([]);
  });

  test('a later load replaces rows by key and keeps the rest; a programme may name a research school loaded before', async () => {
    await importFolder(orm, researchSchools.importSpec, SAMPLE.pathname);
    await importFolder(
      orm,
      researchSchools.importSpec,
      folderWith([], {
        'research-programmes.csv': [PROGRAMMES, 'RP-1,RS-1,Metacognition (renamed),METACOGNITION,2024', 'RP-9,RS-2,Feedback,FEEDBACK,2022'],
        'research-participations.csv': [PARTICIPATIONS, 'RP-1,100000,7', 'RP-9,100003,'],
      }),
    );
    const rows = await programmeRowsOf(orm);
    expect(rows.map((r) => [r.id, r.title, r.urn, r.teachers])).toEqual([
      ['RP-1', 'Metacognition (renamed)', '100000', 7],
      ['RP-1', 'Metacognition (renamed)', '100001', 1],
      ['RP-2', 'Improving literacy in key stage 2', '100000', 2],
      ['RP-3', 'Making best use of teaching assistants', '100002', 4],
      ['RP-9', 'Feedback', '100003', 1],
    ]);
    expect((await rowsOf(orm)).map((r) => r.id)).toEqual(['RS-1', 'RS-2']);
  });
});
