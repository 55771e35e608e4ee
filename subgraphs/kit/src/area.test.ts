import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AREA_FILTER, AREA_GROUPING, type AreaRow, SCHOOL_AREA_TABLE_SQL, SchoolAreaSchema, areaFiguresLoader, withSchoolAreas } from './area.ts';
import { AUDIT_ENTRY_TABLE_SQL, AuditEntrySchema } from './audit/audit-entry.entity.ts';
import { withDatabase } from './database-url.ts';
import { LoadRejected, importFolder } from './load/import-folder.ts';
import { formatProblem } from './load/spec.ts';
import { openOrm } from './orm.ts';
import { query } from './sql.ts';

/** A subgraph of the kit's own: no files but `school-areas.csv`, and a `visit (urn, year)` table to count over areas. */
const SPEC = withSchoolAreas({ subgraph: 'kit-area-test', files: [], apply: async () => undefined });

const folderWith = (files: Record<string, string>): string => {
  const folder = mkdtempSync(join(tmpdir(), 'kit-school-areas-'));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return folder;
};

const areasOf = async (orm: MikroORM) =>
  (await query<{ urn: string; la_code: string; region_code: string }>(orm.em.fork(), 'select urn, la_code, region_code from school_area order by urn')).map((r) => [
    r.urn,
    r.la_code,
    r.region_code,
  ]);

describe('school_area: the URN → LA lookup of an engagement subgraph', () => {
  let orm: MikroORM;
  let statements: string[] = [];
  beforeAll(async () => {
    const server = process.env.TEST_DATABASE_SERVER_URL;
    if (!server) throw new Error('TEST_DATABASE_SERVER_URL is not set: run tests through jest (globalSetup)');
    orm = await openOrm({
      clientUrl: withDatabase(server, `tdg_test_kit_area_${process.pid}_${Date.now() % 100000}`),
      entities: [SchoolAreaSchema, AuditEntrySchema],
      migrationsPath: mkdtempSync(join(tmpdir(), 'kit-area-migrations-')),
      onQuery: (sql) => statements.push(sql),
    });
    const connection = orm.em.fork().getConnection();
    for (const sql of [...SCHOOL_AREA_TABLE_SQL, ...AUDIT_ENTRY_TABLE_SQL, 'create table visit (urn varchar(12) not null, year int not null)']) await connection.execute(sql);
  });
  afterAll(async () => {
    await orm?.schema.dropDatabase().catch(() => undefined);
    await orm?.close();
  });

  test('school-areas.csv: a non-digit URN, an unknown LA code, a missing value or a duplicate URN reject the load with file:line:column', async () => {
    await importFolder(orm, SPEC, folderWith({ 'school-areas.csv': 'urn,la_code\n100009,808\n' }));
    let problems: string[] = [];
    try {
      await importFolder(orm, SPEC, folderWith({ 'school-areas.csv': 'urn,la_code\n100001,808\n10000X,808\n100002,999\n100003,\n100001,805\n' }));
    } catch (error) {
      if (!(error instanceof LoadRejected)) throw error;
      problems = error.problems.map(formatProblem);
    }
    expect(problems).toEqual([
      expect.stringMatching(/^school-areas\.csv:3:urn: malformed URN "10000X"/),
      expect.stringMatching(/^school-areas\.csv:4:la_code: unknown LA code "999"/),
      expect.stringMatching(/^school-areas\.csv:5:la_code: /),
      expect.stringMatching(/^school-areas\.csv:6:urn: duplicate id 100001 \(first on line 2\)/),
    ]);
    expect(await areasOf(orm)).toEqual([['100009', '808', 'A']]);
  });

  test('loading the file replaces the whole table (region from the LA); a folder without it keeps the table', async () => {
    await importFolder(orm, SPEC, folderWith({ 'school-areas.csv': 'urn,la_code\n100001,808\n100002,808\n100003,805\n100004,873\n' }));
    expect(await areasOf(orm)).toEqual([
      ['100001', '808', 'A'],
      ['100002', '808', 'A'],
      ['100003', '805', 'A'],
      ['100004', '873', 'G'],
    ]);
    await importFolder(orm, SPEC, folderWith({ 'other-subgraph.csv': 'x\n1\n' }));
    expect(await areasOf(orm)).toHaveLength(4);
    await importFolder(orm, SPEC, folderWith({ 'school-areas.csv': 'la_code,urn\n873,100005\n808,100001\n' }));
    expect(await areasOf(orm)).toEqual([
      ['100001', '808', 'A'],
      ['100005', '873', 'G'],
    ]);
  });

  test('areaFiguresLoader: one statement per year for LA and region keys together; a URN not in the lookup counts nowhere', async () => {
    await importFolder(orm, SPEC, folderWith({ 'school-areas.csv': 'urn,la_code\n100001,808\n100002,808\n100003,805\n100004,873\n' }));
    const em = orm.em.fork();
    await em.getConnection().execute(
      `insert into visit (urn, year) values ('100001', 2024), ('100001', 2024), ('100002', 2024), ('100003', 2024), ('100004', 2024), ('999999', 2024), ('100001', 2023)`,
    );
    const loader = areaFiguresLoader<AreaRow & { schools: number; visits: number }, { schools: number; visits: number }>(
      em,
      `select a.la_code, a.region_code, count(distinct v.urn)::int as schools, count(*)::int as visits
       from school_area a join visit v on v.urn = a.urn
       where ${AREA_FILTER} and v.year = ?
       group by ${AREA_GROUPING}`,
      (r) => ({ schools: r?.schools ?? 0, visits: r?.visits ?? 0 }),
    );
    statements = [];
    const figures = await Promise.all([
      loader.load({ kind: 'la', code: '808', year: 2024 }),
      loader.load({ kind: 'region', code: 'A', year: 2024 }),
      loader.load({ kind: 'region', code: 'G', year: 2024 }),
      loader.load({ kind: 'la', code: '873', year: 2024 }),
      loader.load({ kind: 'la', code: '999', year: 2024 }),
      loader.load({ kind: 'region', code: 'K', year: 2024 }),
      loader.load({ kind: 'region', code: 'A', year: 2023 }),
      loader.load({ kind: 'la', code: '805', year: 2023 }),
    ]);
    expect(figures).toEqual([
      { schools: 2, visits: 3 },
      { schools: 3, visits: 4 },
      { schools: 1, visits: 1 },
      { schools: 1, visits: 1 },
      { schools: 0, visits: 0 },
      { schools: 0, visits: 0 },
      { schools: 1, visits: 1 },
      { schools: 0, visits: 0 },
    ]);
    expect(statements.filter((s) => s.includes('school_area'))).toHaveLength(2);
  });
});
