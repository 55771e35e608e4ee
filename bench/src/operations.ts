/**
 * The operations the benchmark measures: the dashboard questions of schema/operations/ (as the dashboards send them:
 * the whole file, with an operation name) and two ad-hoc analyst queries that each cross three subgraphs or more, with
 * variables picked from the loaded data (the largest region, a large LA, the largest SCITT, a school and a teacher
 * whose golden thread runs through every subgraph), and for the distinct-callers load every operation's pool of other
 * variables drawn from the data (every region, many LAs, SCITTs, schools and teachers; two years or spans each).
 */
import { readFileSync } from 'node:fs';
import type { Identity } from '@tdg/kit/auth/identity';
import pg from 'pg';
import { PATHS } from './config.ts';
import { ADMINISTRATOR, NATIONAL_ANALYST } from './identity.ts';

export interface Operation {
  /** Short id used on the command line and in results. */
  readonly id: string;
  /** Human description for the report. */
  readonly title: string;
  readonly operationName: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** Who asks: personal records (the golden thread) need an administrator; aggregates a national analyst. */
  readonly identity: Identity;
  /** Whether it is one of the two ad-hoc analyst queries. */
  readonly adHoc: boolean;
  /**
   * Every set of variables the operation is asked with under the distinct-callers load, drawn from the data; the first
   * is `variables` (the largest region, LA, SCITT, the school and teacher with the longest golden thread).
   */
  readonly variants: readonly Record<string, unknown>[];
}

/** Ad hoc 1: the 100 most disadvantaged open state-funded schools of a region with their engagement in a year. */
export const AD_HOC_DISADVANTAGED_SCHOOLS = `query AdHocDisadvantagedSchools($regionCode: ID!, $academicYear: Int!) {
  schools(filter: { regionCode: $regionCode, status: [OPEN], stateFunded: true }, orderBy: FSM_DESC, first: 100) {
    totalCount
    nodes {
      urn
      name
      percentageFsm
      ofstedRating
      localAuthority { code name }
      placementCount(academicYear: $academicYear)
      ectCount(academicYear: $academicYear)
      npqCount(cohort: $academicYear)
      hubProgrammeCount(academicYear: $academicYear)
    }
  }
}`;

/** Ad hoc 2: a region's Teaching School Hubs, their lead school, their activity in a year and the curriculum hubs of their LAs. */
export const AD_HOC_HUB_COVERAGE = `query AdHocHubCoverage($regionCode: ID!, $academicYear: Int!) {
  teachingSchoolHubs(regionCode: $regionCode) {
    id
    name
    leadSchool { urn name ofstedRating }
    ectInductionCount(academicYear: $academicYear)
    npqEnrolmentCount(cohort: $academicYear)
    localAuthorities { code name curriculumHubs { id name kind } }
  }
}`;

/** Academic year of the dashboards (2023/24: complete in the data), the SCITT cohort, and the cold-spot span. */
export const YEAR = 2023;
export const COHORT_YEAR = 2022;
export const SPAN = { fromYear: 2021, toYear: 2024 } as const;

/** Values picked from the data. */
export interface Picks {
  readonly largestRegion: string;
  readonly localAuthority: string;
  readonly largestScitt: string;
  readonly schoolUrn: string;
  readonly teacherTrn: string;
}

/** Values drawn from the data for the distinct-callers load, each list starting with the pick of `Picks`. */
export interface Pools {
  /** Every region, most schools first. */
  readonly regions: readonly string[];
  /** LAs, most schools first (the pick first). */
  readonly localAuthorities: readonly string[];
  /** SCITTs, most trainees first. */
  readonly scitts: readonly string[];
  /** Schools with records in every subgraph, most records first. */
  readonly schools: readonly string[];
  /** Teachers with training, an induction and an NPQ, by TRN. */
  readonly teachers: readonly string[];
}

/** At most this many variable sets per operation. */
export const MAX_VARIANTS = 48;

/** Every combination of the values of a few variables, in order (the first value of each first), at most MAX_VARIANTS. */
export function combinations(axes: Record<string, readonly unknown[]>): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(axes)) out = values.flatMap((v) => out.map((o) => ({ ...o, [name]: v })));
  return out.slice(0, MAX_VARIANTS);
}

/** Variables spread over an object of spans (e.g. `{ fromYear, toYear }`). */
const spans = [SPAN, { fromYear: 2022, toYear: 2024 }] as const;
const withSpans = (key: string, values: readonly string[]) => values.flatMap((v) => spans.map((s) => ({ [key]: v, ...s }))).slice(0, MAX_VARIANTS);

const file = (name: string) => readFileSync(`${PATHS.operations}/${name}.graphql`, 'utf8');

/** Every operation of the benchmark, in report order. */
export function operations(p: Picks, pools?: Pools, maxVariants = MAX_VARIANTS): Operation[] {
  const op = (
    id: string,
    title: string,
    source: string,
    operationName: string,
    variables: Record<string, unknown>,
    variants: Record<string, unknown>[] | undefined,
    identity = NATIONAL_ANALYST,
    adHoc = false,
  ): Operation => ({ id, title, operationName, query: source, variables, identity, adHoc, variants: variants && variants.length > 0 ? variants.slice(0, maxVariants) : [variables] });
  const regionYears = pools && combinations({ regionCode: pools.regions, academicYear: [YEAR, YEAR - 1] });
  return [
    op('regional-overview', `Regional overview, region ${p.largestRegion}`, file('regional-overview'), 'RegionalOverview', { regionCode: p.largestRegion, academicYear: YEAR }, regionYears),
    op('cold-spots-region', `Cold spots, region ${p.largestRegion}`, file('cold-spots'), 'ColdSpots', { regionCode: p.largestRegion, ...SPAN }, pools && withSpans('regionCode', pools.regions)),
    op('cold-spots-la', `Cold spots, LA ${p.localAuthority}`, file('cold-spots'), 'LocalAuthorityColdSpots', { laCode: p.localAuthority, ...SPAN }, pools && withSpans('laCode', pools.localAuthorities)),
    op('growing-our-own', `Growing our own, SCITT ${p.largestScitt}`, file('growing-our-own'), 'GrowingOurOwn', { scittId: p.largestScitt, academicYear: COHORT_YEAR }, pools && combinations({ scittId: pools.scitts, academicYear: [COHORT_YEAR, COHORT_YEAR - 1] })),
    op('golden-thread-school', `Golden thread, school ${p.schoolUrn}`, file('golden-thread'), 'SchoolGoldenThread', { urn: p.schoolUrn }, pools && combinations({ urn: pools.schools }), ADMINISTRATOR),
    op('golden-thread-teacher', `Golden thread, teacher ${p.teacherTrn}`, file('golden-thread'), 'TeacherGoldenThread', { trn: p.teacherTrn }, pools && combinations({ trn: pools.teachers }), ADMINISTRATOR),
    op('support-and-engagement', `Support and engagement, region ${p.largestRegion}`, file('support-and-engagement'), 'SupportAndEngagement', { regionCode: p.largestRegion, academicYear: YEAR }, regionYears),
    op('ad-hoc-disadvantaged-schools', `Ad hoc: 100 most disadvantaged schools of region ${p.largestRegion} with engagement`, AD_HOC_DISADVANTAGED_SCHOOLS, 'AdHocDisadvantagedSchools', { regionCode: p.largestRegion, academicYear: YEAR }, regionYears, NATIONAL_ANALYST, true),
    op('ad-hoc-hub-coverage', `Ad hoc: Teaching School Hubs of region ${p.largestRegion} with lead schools and curriculum hubs`, AD_HOC_HUB_COVERAGE, 'AdHocHubCoverage', { regionCode: p.largestRegion, academicYear: YEAR }, regionYears, NATIONAL_ANALYST, true),
  ];
}

const first = async <T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
};

/**
 * Picks the variables from the data: the region with the most schools; its LA with the most schools; the SCITT with the
 * most trainees; the school with the most records among those present in every subgraph (placements, ECTs, NPQs, hub
 * participations, support); the lowest TRN with training, an induction and an NPQ.
 */
export async function pickVariables(urls: Readonly<Record<string, string>>): Promise<Picks & { pools: Pools }> {
  const la = urls['local-authorities'];
  const [region] = await first<{ code: string }>(
    la,
    `select la.region_code as code from school s join local_authority la on la.code = s.la_code group by 1 order by count(*) desc, 1 limit 1`,
  );
  const [localAuthority] = await first<{ code: string }>(
    la,
    `select la.code from school s join local_authority la on la.code = s.la_code where la.region_code = $1 group by 1 order by count(*) desc, 1 limit 1`,
    [region.code],
  );
  const scittRows = await first<{ id: string }>(urls.scitts, `select scitt_id as id from trainee group by 1 order by count(*) desc, 1`);
  const [scitt] = scittRows;
  const regions = await first<{ code: string }>(la, `select la.region_code as code from school s join local_authority la on la.code = s.la_code group by 1 order by count(*) desc, 1`);
  const las = await first<{ code: string }>(la, `select la_code as code from school group by 1 order by count(*) desc, 1 limit ${MAX_VARIANTS}`);
  const counts = async (url: string, sql: string) => new Map((await first<{ urn: string; n: number }>(url, sql)).map((r) => [r.urn, r.n]));
  const [placements, ects, npqs, hubs, support] = await Promise.all([
    counts(urls.scitts, `select urn, count(*)::int as n from placement group by urn`),
    counts(urls['teaching-school-hubs'], `select school_urn as urn, count(*)::int as n from ect_induction group by 1`),
    counts(urls['teaching-school-hubs'], `select school_urn as urn, count(*)::int as n from npq_enrolment group by 1`),
    counts(urls['curriculum-hubs'], `select urn, count(*)::int as n from participation group by urn`),
    counts(la, `select supported_urn as urn, count(*)::int as n from support_episode group by 1`),
  ]);
  const full = [...placements.keys()]
    .filter((urn) => ects.has(urn) && npqs.has(urn) && hubs.has(urn) && support.has(urn))
    .map((urn) => ({ urn, n: placements.get(urn)! + ects.get(urn)! + npqs.get(urn)! + hubs.get(urn)! + support.get(urn)! }))
    .sort((a, b) => b.n - a.n || a.urn.localeCompare(b.urn));
  if (full.length === 0) throw new Error('no school has records in every subgraph: the golden-thread operation needs one');
  const trained = new Set((await first<{ trn: string }>(urls.scitts, `select distinct trn from trainee where trn is not null`)).map((r) => r.trn));
  const teachers = (
    await first<{ trn: string }>(
      urls['teaching-school-hubs'],
      `select i.trn from ect_induction i where exists (select 1 from npq_enrolment n where n.trn = i.trn) group by i.trn order by i.trn`,
    )
  ).filter((r) => trained.has(r.trn));
  const [teacher] = teachers;
  if (!teacher) throw new Error('no teacher has training, an induction and an NPQ: the golden-thread operation needs one');
  const pools: Pools = {
    regions: regions.map((r) => r.code),
    localAuthorities: [localAuthority.code, ...las.map((r) => r.code).filter((c) => c !== localAuthority.code)],
    scitts: scittRows.map((r) => r.id),
    schools: full.slice(0, MAX_VARIANTS).map((r) => r.urn),
    teachers: teachers.slice(0, MAX_VARIANTS).map((r) => r.trn),
  };
  return { largestRegion: region.code, localAuthority: localAuthority.code, largestScitt: scitt.id, schoolUrn: full[0].urn, teacherTrn: teacher.trn, pools };
}
