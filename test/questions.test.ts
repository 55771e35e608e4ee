import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import type { DemoDataset } from '../scripts/src/demo-data/types.ts';
import { Answers } from './support/expected-answers.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * The five dashboard questions of DOMAIN.md, each run as its committed named operation (schema/operations/) through
 * the real gateway over four real subgraphs loaded from the demo dataset, and checked against the answer computed
 * here from the same input rows.
 */
const operation = (file: string) => readFileSync(join(import.meta.dirname, '../schema/operations', file), 'utf8');
const REGIONS = ['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'K'];

let data: DemoDataset;
let answers: Answers;
let fed: TestFederation;
/** Dashboards read aggregates as a national analyst; the golden thread of a person needs an administrator. */
let analyst: string;
let admin: string;

beforeAll(async () => {
  analyst = await tokenFor(PERSONAS['national-analyst']);
  admin = await tokenFor(PERSONAS.admin);
  data = generateDemoData({ size: 'small', seed: 1 });
  answers = new Answers(data);
  const folder = mkdtempSync(join(tmpdir(), 'tdg-questions-'));
  await writeDemoData(data, folder);
  fed = await startFederation(folder);
});
afterAll(() => fed?.close());

describe('1. regional overview', () => {
  test.each(REGIONS)('region %s, 2023: per-LA figures match the input rows', async (regionCode) => {
    const res = await fed.query<{ region: Record<string, unknown> & { localAuthorities: unknown[] } }>(
      operation('regional-overview.graphql'),
      { regionCode, academicYear: 2023 },
      'RegionalOverview',
      analyst,
    );
    expect(res.errors).toBeUndefined();
    const expected = answers.regionalOverview(regionCode, 2023);
    const { localAuthorities, name: _name, ...regionFigures } = res.data!.region;
    const { localAuthorities: expectedLas, ...expectedRegion } = expected;
    expect(regionFigures).toEqual(expectedRegion);
    expect(localAuthorities).toEqual(expectedLas);
  });

  test('the demo data engages schools in every region', () => {
    for (const r of REGIONS) expect(answers.regionalOverview(r, 2023).inductionEngagement.ects).toBeGreaterThan(0);
  });
});

describe('2. cold spots', () => {
  test.each(REGIONS)('region %s over 2021–2024: counts and the most disadvantaged first', async (regionCode) => {
    const res = await fed.query<{ region: { coldSpots: { candidateCount: number; coldSpotCount: number; schools: { urn: string }[] } } }>(
      operation('cold-spots.graphql'),
      { regionCode, fromYear: 2021, toYear: 2024, first: 20 },
      'ColdSpots',
      analyst,
    );
    expect(res.errors).toBeUndefined();
    const expected = answers.coldSpots({ regionCode }, 2021, 2024);
    const report = res.data!.region.coldSpots;
    expect(report.candidateCount).toBe(expected.candidateCount);
    expect(report.coldSpotCount).toBe(expected.coldSpotCount);
    expect(report.schools.map((s) => s.urn)).toEqual(expected.urns.slice(0, 20));
  });

  test('one LA (Stockton-on-Tees) over a single year', async () => {
    const res = await fed.query<{ localAuthority: { coldSpots: { candidateCount: number; coldSpotCount: number; schools: { urn: string }[] } } }>(
      operation('cold-spots.graphql'),
      { laCode: '808', fromYear: 2023, toYear: 2023, first: 500 },
      'LocalAuthorityColdSpots',
      analyst,
    );
    expect(res.errors).toBeUndefined();
    const expected = answers.coldSpots({ laCode: '808' }, 2023, 2023);
    expect(res.data!.localAuthority.coldSpots).toEqual({
      candidateCount: expected.candidateCount,
      coldSpotCount: expected.coldSpotCount,
      schools: expected.urns.map((urn) => expect.objectContaining({ urn })),
    });
  });

  test('cold spots exist in the demo data', () => {
    expect(answers.coldSpots({ regionCode: 'A' }, 2021, 2024).coldSpotCount).toBeGreaterThan(0);
  });

  test('a span that ends before it starts is a BAD_USER_INPUT', async () => {
    const res = await fed.query(operation('cold-spots.graphql'), { regionCode: 'A', fromYear: 2024, toYear: 2021 }, 'ColdSpots', analyst);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('3. growing our own', () => {
  test.each([2021, 2022, 2023])('Stockton-on-Tees Teacher Training Partnership, cohort %i', async (academicYear) => {
    const res = await fed.query<{ scitt: { partnerSchoolCount: number; cohort: Record<string, unknown> } }>(
      operation('growing-our-own.graphql'),
      { scittId: '70245', academicYear },
      'GrowingOurOwn',
      analyst,
    );
    expect(res.errors).toBeUndefined();
    const { academicYear: _y, ...cohort } = res.data!.scitt.cohort;
    expect(res.data!.scitt.partnerSchoolCount).toBe(22);
    expect(cohort).toEqual(answers.growingOurOwn('70245', academicYear));
  });

  test('every SCITT of the dataset, cohort 2022', async () => {
    for (const { scitt_id } of data['scitts.csv']) {
      const res = await fed.query<{ scitt: { cohort: Record<string, unknown> } }>(operation('growing-our-own.graphql'), { scittId: scitt_id, academicYear: 2022 }, 'GrowingOurOwn', analyst);
      expect(res.errors).toBeUndefined();
      const { academicYear: _y, ...cohort } = res.data!.scitt.cohort;
      expect(cohort).toEqual(answers.growingOurOwn(scitt_id, 2022));
    }
  });
});

describe('4. the golden thread', () => {
  test('a teacher trained by a SCITT, inducted and on an NPQ: every record in order', async () => {
    const npqTrns = new Set(data['npq-enrolments.csv'].map((e) => e.trn));
    const inducted = new Set(data['ect-inductions.csv'].map((i) => i.trn));
    const trainee = data['trainees.csv'].find((t) => t.trn && npqTrns.has(t.trn) && inducted.has(t.trn)) ?? data['trainees.csv'].find((t) => t.trn && inducted.has(t.trn));
    expect(trainee).toBeDefined();
    const trn = trainee!.trn!;
    const res = await fed.query<{
      teacher: { trn: string; training: { id: string; placements: { id: string }[] }[]; inductions: { id: string; school: { urn: string } | null }[]; npqEnrolments: { id: string }[] };
    }>(operation('golden-thread.graphql'), { trn }, 'TeacherGoldenThread', admin);
    expect(res.errors).toBeUndefined();
    const t = res.data!.teacher;
    const trainees = data['trainees.csv'].filter((x) => x.trn === trn);
    expect(t.training.map((x) => x.id).sort()).toEqual(trainees.map((x) => x.trainee_id).sort());
    expect(t.training.flatMap((x) => x.placements.map((p) => p.id)).sort()).toEqual(
      data['placements.csv'].filter((p) => trainees.some((x) => x.trainee_id === p.trainee_id)).map((p) => p.placement_id).sort(),
    );
    expect(t.inductions.map((i) => i.id).sort()).toEqual(data['ect-inductions.csv'].filter((i) => i.trn === trn).map((i) => i.induction_id).sort());
    expect(t.npqEnrolments.map((e) => e.id).sort()).toEqual(data['npq-enrolments.csv'].filter((e) => e.trn === trn).map((e) => e.enrolment_id).sort());
  });

  test('an unknown teacher is null', async () => {
    const res = await fed.query(operation('golden-thread.graphql'), { trn: '0000000' }, 'TeacherGoldenThread', admin);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ teacher: null });
  });

  test('a school: placements, ECTs, NPQs and hub programmes from three subgraphs', async () => {
    const counts = new Map<string, number>();
    for (const urn of [
      ...data['placements.csv'].map((p) => p.urn),
      ...data['ect-inductions.csv'].map((i) => i.school_urn),
      ...data['participations.csv'].map((p) => p.urn),
    ])
      counts.set(urn, (counts.get(urn) ?? 0) + 1);
    const urn = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const res = await fed.query<{
      school: { urn: string; placements: { id: string }[]; ectInductions: { id: string }[]; npqEnrolments: { id: string }[]; hubParticipations: { programme: { id: string } }[]; partnerScitts: { id: string }[] };
    }>(operation('golden-thread.graphql'), { urn }, 'SchoolGoldenThread', admin);
    expect(res.errors).toBeUndefined();
    const s = res.data!.school;
    expect(s.placements.map((p) => p.id).sort()).toEqual(data['placements.csv'].filter((p) => p.urn === urn).map((p) => p.placement_id).sort());
    expect(s.ectInductions.map((i) => i.id).sort()).toEqual(data['ect-inductions.csv'].filter((i) => i.school_urn === urn).map((i) => i.induction_id).sort());
    expect(s.npqEnrolments.map((e) => e.id).sort()).toEqual(data['npq-enrolments.csv'].filter((e) => e.school_urn === urn).map((e) => e.enrolment_id).sort());
    expect(s.hubParticipations.map((p) => p.programme.id).sort()).toEqual(data['participations.csv'].filter((p) => p.urn === urn).map((p) => p.programme_id).sort());
    expect(s.partnerScitts.map((p) => p.id).sort()).toEqual(data['scitt-partner-schools.csv'].filter((p) => p.urn === urn).map((p) => p.scitt_id).sort());
  });
});

describe('5. support and engagement', () => {
  test.each(REGIONS)('region %s, 2023: supported schools and their engagement', async (regionCode) => {
    const res = await fed.query<{ region: { schoolsReceivingSupport: { urn: string; supportReceived: { id: string }[]; [k: string]: unknown }[] } }>(
      operation('support-and-engagement.graphql'),
      { regionCode, academicYear: 2023 },
      'SupportAndEngagement',
      analyst,
    );
    expect(res.errors).toBeUndefined();
    const got = res.data!.region.schoolsReceivingSupport.map((s) => ({
      urn: s.urn,
      supportReceived: s.supportReceived.map((e) => e.id),
      ectCount: s.ectCount,
      npqCount: s.npqCount,
      hubProgrammeCount: s.hubProgrammeCount,
      placementCount: s.placementCount,
    }));
    expect(got).toEqual(answers.supportAndEngagement(regionCode, 2023));
  });

  test('some schools receive support in the demo data', () => {
    expect(REGIONS.flatMap((r) => answers.supportAndEngagement(r, 2023)).length).toBeGreaterThan(0);
  });
});
