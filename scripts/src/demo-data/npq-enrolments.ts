import type { EctInductions } from './ect-inductions.ts';
import { Random, STREAM } from './random.ts';
import type { School } from './schools.ts';
import { STOCKTON } from './scitts.ts';
import type { TeachingSchoolHubs } from './teaching-school-hubs.ts';
import type { NpqCourse, NpqEnrolmentRow, NpqStatus } from './types.ts';
import { engageableIn, type World } from './world.ts';

/** NPQ cohorts (academic year the course starts). */
export const NPQ_COHORTS = [2021, 2022, 2023, 2024] as const;

/** Courses of 12 months; the others (NPQSL, NPQH, NPQEL, NPQEYL, NPQSENCO) take 18. */
const TWELVE_MONTH: ReadonlySet<NpqCourse> = new Set(['NPQLT', 'NPQLTD', 'NPQLBC', 'NPQLL', 'NPQLPM']);

/** Courses first offered in 2024 (NPQSENCO, NPQLPM); all others from 2021. */
const FROM_2024: ReadonlySet<NpqCourse> = new Set(['NPQSENCO', 'NPQLPM']);

const COURSE_WEIGHTS: readonly (readonly [NpqCourse, number])[] = [
  ['NPQLT', 13],
  ['NPQLTD', 12],
  ['NPQLBC', 10],
  ['NPQLL', 8],
  ['NPQSL', 18],
  ['NPQH', 13],
  ['NPQEL', 3],
  ['NPQEYL', 5],
  ['NPQSENCO', 14],
  ['NPQLPM', 5],
];
const EARLY_CAREER_WEIGHTS: readonly (readonly [NpqCourse, number])[] = [
  ['NPQLT', 35],
  ['NPQLTD', 25],
  ['NPQLBC', 25],
  ['NPQLL', 15],
  ['NPQSENCO', 10],
  ['NPQLPM', 5],
];
const NEXT_COURSE: Partial<Record<NpqCourse, NpqCourse>> = {
  NPQLT: 'NPQSL',
  NPQLTD: 'NPQSL',
  NPQLBC: 'NPQSL',
  NPQLL: 'NPQSL',
  NPQSENCO: 'NPQSL',
  NPQSL: 'NPQH',
  NPQH: 'NPQEL',
};

function courseFor(rng: Random, weights: readonly (readonly [NpqCourse, number])[], cohort: number, s: School): NpqCourse {
  return rng.weighted(
    weights.map(([c, w]): [NpqCourse, number] => {
      if (FROM_2024.has(c) && cohort < 2024) return [c, 0];
      if (c === 'NPQEYL' && !s.servesEarlyYears) return [c, 0];
      if (c === 'NPQLPM' && !s.servesPrimary) return [c, 0];
      return [c, w];
    }),
  );
}

/**
 * NPQ status by cohort (2024/25 is current): 2021–2022 PASSED 76%, FAILED 3%, WITHDRAWN 14%, DEFERRED 7%;
 * 2023 twelve-month courses PASSED 72%, FAILED 3%, WITHDRAWN 14%, DEFERRED 6%, ACTIVE 5%, eighteen-month courses
 * ACTIVE 76%, WITHDRAWN 13%, DEFERRED 8%, PASSED 3%; 2024 ACTIVE 88%, WITHDRAWN 7%, DEFERRED 5%.
 */
function npqStatus(rng: Random, cohort: number, course: NpqCourse): NpqStatus {
  if (cohort <= 2022) return rng.weighted([['PASSED', 0.76], ['FAILED', 0.03], ['WITHDRAWN', 0.14], ['DEFERRED', 0.07]] as const);
  if (cohort === 2023) {
    if (TWELVE_MONTH.has(course)) {
      return rng.weighted([['PASSED', 0.72], ['FAILED', 0.03], ['WITHDRAWN', 0.14], ['DEFERRED', 0.06], ['ACTIVE', 0.05]] as const);
    }
    return rng.weighted([['ACTIVE', 0.76], ['WITHDRAWN', 0.13], ['DEFERRED', 0.08], ['PASSED', 0.03]] as const);
  }
  return rng.weighted([['ACTIVE', 0.88], ['WITHDRAWN', 0.07], ['DEFERRED', 0.05]] as const);
}

/** Expected NPQ enrolments per school per cohort year (before the cohort factor). */
function expectedNpqs(s: School): number {
  const pupils = s.row.number_of_pupils ?? 200;
  switch (s.row.phase) {
    case 'PRIMARY':
      return 0.8 * (pupils / 250) ** 0.5;
    case 'NURSERY':
      return 0.35;
    case 'MIDDLE_DEEMED_PRIMARY':
    case 'MIDDLE_DEEMED_SECONDARY':
      return 1;
    case 'SECONDARY':
      return 2.6 * (pupils / 1000) ** 0.7;
    case 'ALL_THROUGH':
      return 3.2;
    case 'SIXTEEN_PLUS':
      return 0.8;
    case 'NOT_APPLICABLE':
      return s.alternativeProvision ? 0.3 : 0.9;
  }
}

const COHORT_FACTOR: Record<number, number> = { 2021: 0.85, 2022: 1.1, 2023: 1.05, 2024: 0.6 };

/**
 * NPQ enrolments, cohorts 2021–2024, only at open state-funded schools that are not cold spots. Per cohort C:
 * (1) each ECT who PASSED an induction begun in year ≤ C−2 and has no NPQ yet enrols with probability 10% in an
 * early-career-friendly course, at their induction school (85%) or another school of its LA — and in 2024 the first two
 * 2021 trainees of SCITT 70245 who passed a 2022 induction always do (a complete golden thread);
 * (2) every school takes a Poisson number of further enrolments: 20% one of its ECT mentors, 6% a teacher of the school
 * who passed an earlier NPQ moving on to the next course (NPQLT→NPQSL→NPQH→NPQEL), otherwise a new TRN.
 * One enrolment per TRN per cohort. hub_id: the school's home hub (85%) or another hub covering its LA.
 */
export function generateNpqEnrolments(world: World, tsh: TeachingSchoolHubs, inductions: EctInductions): NpqEnrolmentRow[] {
  const rng = new Random(world.seed, STREAM.npqs);
  const rows: NpqEnrolmentRow[] = [];
  const hasNpq = new Set<string>();
  const passedBySchool = new Map<string, NpqEnrolmentRow[]>();
  const engageable = world.schools.filter((s) => s.engageable);
  const hubFor = (s: School): string => {
    const home = tsh.homeHub.get(s.row.urn);
    const all = tsh.hubIdsByLa.get(s.la.laCode) ?? [];
    if (!home) throw new Error(`no Teaching School Hub covers LA ${s.la.laCode}`);
    return all.length > 1 && rng.chance(0.15) ? rng.pick(all) : home;
  };
  const passedEcts = inductions.ects.filter((e) => e.row.status === 'PASSED');
  const guaranteed = new Set(
    passedEcts
      .filter((e) => e.trainee?.scitt.row.scitt_id === STOCKTON.scittId && e.trainee.row.academic_year === 2021 && e.row.academic_year === 2022)
      .slice(0, 2),
  );
  for (const cohort of NPQ_COHORTS) {
    let seq = 0;
    const enrolledNow = new Set<string>();
    const enrol = (trn: string, s: School, course: NpqCourse) => {
      const row: NpqEnrolmentRow = {
        enrolment_id: `NPQ-${cohort}-${String(++seq).padStart(6, '0')}`,
        trn,
        school_urn: s.row.urn,
        hub_id: hubFor(s),
        course,
        cohort,
        status: npqStatus(rng, cohort, course),
      };
      rows.push(row);
      hasNpq.add(trn);
      enrolledNow.add(trn);
      if (row.status === 'PASSED') {
        const list = passedBySchool.get(s.row.urn) ?? [];
        list.push(row);
        passedBySchool.set(s.row.urn, list);
      }
    };
    for (const e of passedEcts) {
      if (e.row.academic_year > cohort - 2 || hasNpq.has(e.row.trn)) continue;
      const forced = cohort === 2024 && guaranteed.has(e);
      if (!forced && !rng.chance(0.1)) continue;
      const sameLa = engageableIn(world, e.school.la.laCode);
      const school = forced || rng.chance(0.85) || sameLa.length === 0 ? e.school : rng.pick(sameLa);
      enrol(e.row.trn, school, courseFor(rng, EARLY_CAREER_WEIGHTS, cohort, school));
    }
    for (const s of engageable) {
      const n = rng.poisson(expectedNpqs(s) * COHORT_FACTOR[cohort]);
      for (let i = 0; i < n; i++) {
        const r = rng.next();
        let trn: string | undefined;
        let course: NpqCourse | undefined;
        if (r < 0.2) {
          const free = (inductions.mentors.get(s.row.urn) ?? []).filter((m) => !enrolledNow.has(m));
          if (free.length > 0) trn = rng.pick(free);
        } else if (r < 0.26) {
          const earlier = (passedBySchool.get(s.row.urn) ?? []).filter(
            (p) => p.cohort < cohort && NEXT_COURSE[p.course] !== undefined && !enrolledNow.has(p.trn),
          );
          if (earlier.length > 0) {
            const p = rng.pick(earlier);
            trn = p.trn;
            course = NEXT_COURSE[p.course];
            passedBySchool.set(
              s.row.urn,
              (passedBySchool.get(s.row.urn) ?? []).filter((x) => x.trn !== p.trn),
            );
          }
        }
        enrol(trn ?? world.trns.next(), s, course ?? courseFor(rng, COURSE_WEIGHTS, cohort, s));
      }
    }
  }
  return rows;
}
