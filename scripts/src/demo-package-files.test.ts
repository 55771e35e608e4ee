import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { importFolder } from '@tdg/kit/load/import-folder';
import { regionOfLa } from '@tdg/kit/reference';
import { parse } from 'csv-parse/sync';
import researchSchools from '../../subgraphs/research-schools/src/index.ts';
import { openTestDatabase } from '../../test/support/subgraph-harness.ts';
import { writeDemoFolder } from './demo-folder.ts';
import { readDemoSchools, writeSchoolAreasFile } from './demo-package-files.ts';
import { generateDemoData, writeDemoData } from './demo-data/generate.ts';
import scitts from '../../subgraphs/scitts/src/index.ts';
import localAuthorities from '../../subgraphs/local-authorities/src/index.ts';

const FILES = ['research-schools.csv', 'research-programmes.csv', 'research-participations.csv'];
const rowsOf = (folder: string, file: string) => parse(readFileSync(join(folder, file)), { columns: true, bom: true }) as Record<string, string>[];

/** A subgraph's `demoData` hook: its files are made from the register the generator wrote, added to a folder that lacks them. */
describe('demo data of subgraphs with a demoData hook (research-schools)', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await writeDemoFolder(mkdtempSync(join(tmpdir(), 'tdg-demo-hook-')), 'small', 5, undefined, [researchSchools]);
  });

  test('every region has 3 or 4 research schools, led by open schools of its own LAs; RS-A1 (the rs-staff persona) exists', () => {
    const register = new Map(readDemoSchools(folder).map((s) => [s.urn, s]));
    const rs = rowsOf(folder, 'research-schools.csv');
    const perRegion = new Map<string, number>();
    for (const r of rs) {
      const region = regionOfLa(r.la_code)!;
      expect(r.research_school_id.startsWith(`RS-${region}`)).toBe(true);
      perRegion.set(region, (perRegion.get(region) ?? 0) + 1);
      const lead = register.get(r.lead_school_urn)!;
      expect(lead).toMatchObject({ laCode: r.la_code, status: 'OPEN' });
    }
    expect([...perRegion.keys()].sort()).toEqual(['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'K']);
    for (const n of perRegion.values()) expect(n === 3 || n === 4).toBe(true);
    expect(rs.find((r) => r.research_school_id === 'RS-A1')?.designation).toBe('RESEARCH_SCHOOL');
  });

  test('programmes every academic year 2021–2024, taken part in by schools of the research school\'s region', () => {
    const register = new Map(readDemoSchools(folder).map((s) => [s.urn, s]));
    const regionOfRs = new Map(rowsOf(folder, 'research-schools.csv').map((r) => [r.research_school_id, regionOfLa(r.la_code)]));
    const programmes = rowsOf(folder, 'research-programmes.csv');
    expect([...new Set(programmes.map((p) => p.academic_year))].sort()).toEqual(['2021', '2022', '2023', '2024']);
    const regionOfProgramme = new Map(programmes.map((p) => [p.programme_id, regionOfRs.get(p.research_school_id)]));
    const participations = rowsOf(folder, 'research-participations.csv');
    expect(participations.length).toBeGreaterThan(programmes.length * 4 - 1);
    for (const p of participations) expect(register.get(p.urn)?.regionCode).toBe(regionOfProgramme.get(p.programme_id));
  });

  test('deterministic: a folder written before the subgraph joined gains the same files', async () => {
    const before = FILES.map((f) => readFileSync(join(folder, f), 'utf8'));
    for (const f of FILES) rmSync(join(folder, f));
    const schoolsBefore = readFileSync(join(folder, 'schools.csv'), 'utf8');
    await writeDemoFolder(join(folder, '..'), 'small', 5, undefined, [researchSchools]);
    expect(FILES.map((f) => readFileSync(join(folder, f), 'utf8'))).toEqual(before);
    expect(readFileSync(join(folder, 'schools.csv'), 'utf8')).toBe(schoolsBefore);
  });

  test('the subgraph loads them', async () => {
    const orm: MikroORM = await openTestDatabase(researchSchools);
    try {
      await importFolder(orm, researchSchools.importSpec, folder);
      const [row] = await orm.em.fork().getConnection().execute('select count(*)::int as n from research_participation');
      expect(row.n).toBe(rowsOf(folder, 'research-participations.csv').length);
      const [areas] = await orm.em.fork().getConnection().execute('select count(*)::int as n from school_area');
      expect(areas.n).toBe(rowsOf(folder, 'schools.csv').length);
    } finally {
      await orm.schema.dropDatabase().catch(() => undefined);
      await orm.close();
    }
  });
});

/** `school-areas.csv`, the register's public URN → LA lookup, is written for the subgraphs whose import spec loads it. */
describe('school-areas.csv in demo folders', () => {
  test('every school of the register with its LA, in a folder written for a subgraph that loads it (research-schools)', async () => {
    const folder = await writeDemoFolder(mkdtempSync(join(tmpdir(), 'tdg-demo-areas-')), 'small', 5, undefined, [researchSchools]);
    expect(rowsOf(folder, 'school-areas.csv')).toEqual(rowsOf(folder, 'schools.csv').map((s) => ({ urn: s.urn, la_code: s.la_code })));
  });

  test('written by writeDemoData when a package loads it, not when none does; added to an older folder that lacks it', () => {
    const data = generateDemoData({ size: 'small', seed: 2 });
    const withIt = mkdtempSync(join(tmpdir(), 'tdg-demo-areas-'));
    expect(writeDemoData(data, withIt, undefined, [localAuthorities, scitts])['school-areas.csv']).toBe(data['schools.csv'].length);
    expect(rowsOf(withIt, 'school-areas.csv')).toHaveLength(data['schools.csv'].length);
    const without = mkdtempSync(join(tmpdir(), 'tdg-demo-areas-'));
    expect(writeDemoData(data, without, undefined, [localAuthorities])['school-areas.csv']).toBeUndefined();
    expect(existsSync(join(without, 'school-areas.csv'))).toBe(false);
    expect(writeSchoolAreasFile(without, [localAuthorities])).toBe(false);
    expect(writeSchoolAreasFile(without, [localAuthorities, scitts])).toBe(true);
    expect(readFileSync(join(without, 'school-areas.csv'), 'utf8')).toBe(readFileSync(join(withIt, 'school-areas.csv'), 'utf8'));
  });
});
