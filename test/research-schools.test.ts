import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { writeDemoFolder } from '../scripts/src/demo-folder.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * The fifth subgraph through the real gateway, over the demo folder `npm start` loads (the central generator's files and
 * research-schools' own, from its demoData hook): a region's research engagement per LA and a school's research
 * participations answer what the input rows say, beside fields of the local-authorities and curriculum-hubs subgraphs
 * in one query, for the rs-staff persona (a partner organisation kind, `rs:RS-A1`).
 */
const rowsOf = (folder: string, file: string) => parse(readFileSync(join(folder, file)), { columns: true, bom: true }) as Record<string, string>[];

interface Engagement {
  schoolsParticipating: number;
  participations: number;
  teachers: number;
}

let folder: string;
let fed: TestFederation;
beforeAll(async () => {
  folder = await writeDemoFolder(mkdtempSync(join(tmpdir(), 'tdg-rs-e2e-')), 'small', 9);
  fed = await startFederation(folder);
});
afterAll(() => fed?.close());

test("a region's researchEngagement per LA and a school's researchParticipations, beside the other subgraphs' fields", async () => {
  const YEAR = 2023;
  const schools = rowsOf(folder, 'schools.csv');
  const laOfUrn = new Map(schools.map((s) => [s.urn, s.la_code]));
  const yearOf = new Map(rowsOf(folder, 'research-programmes.csv').map((p) => [p.programme_id, Number(p.academic_year)]));
  const participations = rowsOf(folder, 'research-participations.csv');
  const expectedFor = (inArea: (urn: string) => boolean): Engagement => {
    const rows = participations.filter((p) => yearOf.get(p.programme_id) === YEAR && inArea(p.urn));
    return { schoolsParticipating: new Set(rows.map((r) => r.urn)).size, participations: rows.length, teachers: rows.reduce((n, r) => n + Number(r.teachers), 0) };
  };
  // the school of region A with the most research participations
  const counts = new Map<string, number>();
  for (const p of participations) counts.set(p.urn, (counts.get(p.urn) ?? 0) + 1);
  const regionA = new Set(rowsOf(folder, 'local-authorities.csv').filter((la) => la.region_code === 'A').map((la) => la.la_code));
  const [urn] = [...counts].filter(([u]) => regionA.has(laOfUrn.get(u) ?? '')).sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0];

  const res = await fed.query<{
    region: { code: string; name: string; researchEngagement: Engagement; localAuthorities: { code: string; name: string; researchEngagement: Engagement; hubEngagement: Engagement }[] };
    school: { urn: string; name: string; localAuthority: { code: string }; researchProgrammeCount: number; researchParticipations: { programme: { id: string; academicYear: number; researchSchool: { id: string } }; teachers: number }[] };
    researchSchool: { id: string; regionCode: string; leadSchool: { urn: string; localAuthority: { code: string } } };
  }>(
    `query($urn: ID!, $year: Int!) {
      region(code: "A") {
        code name researchEngagement(academicYear: $year) { schoolsParticipating participations teachers }
        localAuthorities { code name researchEngagement(academicYear: $year) { schoolsParticipating participations teachers } hubEngagement(academicYear: $year) { schoolsParticipating participations teachers } }
      }
      school(urn: $urn) {
        urn name localAuthority { code } researchProgrammeCount
        researchParticipations { programme { id academicYear researchSchool { id } } teachers }
      }
      researchSchool(id: "RS-A1") { id regionCode leadSchool { urn localAuthority { code } } }
    }`,
    { urn, year: YEAR },
    undefined,
    await tokenFor(PERSONAS['rs-staff']),
  );
  expect(res.errors).toBeUndefined();
  const { region, school, researchSchool } = res.data!;

  expect(region.name).toBe('North East');
  expect(region.researchEngagement).toEqual(expectedFor((u) => regionA.has(laOfUrn.get(u) ?? '')));
  expect(region.researchEngagement.participations).toBeGreaterThan(0);
  expect(region.localAuthorities.map((la) => la.code).sort()).toEqual([...regionA].sort());
  for (const la of region.localAuthorities) {
    expect(la.name).toEqual(expect.any(String));
    expect(la.hubEngagement).toEqual(expect.objectContaining({ schoolsParticipating: expect.any(Number) }));
    expect(la.researchEngagement).toEqual(expectedFor((u) => laOfUrn.get(u) === la.code));
  }

  const mine = participations.filter((p) => p.urn === urn);
  expect(school).toMatchObject({ urn, name: schools.find((s) => s.urn === urn)!.name, localAuthority: { code: laOfUrn.get(urn) }, researchProgrammeCount: mine.length });
  expect(school.researchParticipations.map((p) => [p.programme.id, p.teachers]).sort()).toEqual(mine.map((p) => [p.programme_id, Number(p.teachers)]).sort());
  for (const p of school.researchParticipations) expect(p.programme.academicYear).toBe(yearOf.get(p.programme.id));

  const rs = rowsOf(folder, 'research-schools.csv').find((r) => r.research_school_id === 'RS-A1')!;
  expect(researchSchool).toEqual({ id: 'RS-A1', regionCode: 'A', leadSchool: { urn: rs.lead_school_urn, localAuthority: { code: rs.la_code } } });
});

test('area figures: one statement per academic year for all the areas of a level, however many LAs', async () => {
  const sg = fed.subgraphs['research-schools'];
  const token = await tokenFor(PERSONAS['national-analyst']);
  const ask = async (q: string) => {
    sg.resetSqlCount();
    const res = await fed.query(q, {}, undefined, token);
    expect(res.errors).toBeUndefined();
    return sg.sqlCount();
  };
  const one = await ask('{ localAuthority(code: "808") { researchEngagement(academicYear: 2024) { teachers } } }');
  const all = await ask('{ localAuthorities { researchEngagement(academicYear: 2024) { teachers } } }');
  const twoYears = await ask('{ localAuthorities { a: researchEngagement(academicYear: 2023) { teachers } b: researchEngagement(academicYear: 2024) { teachers } } }');
  expect([one, all, twoYears]).toEqual([1, 1, 2]);
});

test('a regional analyst of another region: research figures of region A are null with FORBIDDEN, the public fields return', async () => {
  const analyst = await tokenFor({ subject: 'analyst-k', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'K' });
  const res = await fed.query<{ region: { name: string; researchEngagement: Engagement | null } }>(
    `{ region(code: "A") { name researchEngagement(academicYear: 2023) { teachers } } }`,
    {},
    undefined,
    analyst,
  );
  expect(res.data?.region).toEqual({ name: 'North East', researchEngagement: null });
  expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['region.researchEngagement', 'FORBIDDEN']]);
});
