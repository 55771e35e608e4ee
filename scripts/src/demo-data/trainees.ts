import { addDays, dateBetween, isoDate, maxDate } from './dates.ts';
import { Random, STREAM } from './random.ts';
import type { School } from './schools.ts';
import { type Scitt, STOCKTON, SUBJECT_WEIGHTS } from './scitts.ts';
import { DATA_AS_OF } from './sizes.ts';
import type { CoursePhase, PlacementRow, TraineeRow, TraineeStatus, TrainingRoute } from './types.ts';
import { engageableIn, type World } from './world.ts';

/** Academic years of SCITT cohorts. */
export const TRAINEE_YEARS = [2021, 2022, 2023, 2024] as const;

/** Routes whose trainee is based in one (employing or assessing) school: one placement. */
const SINGLE_PLACEMENT_ROUTES: ReadonlySet<TrainingRoute> = new Set([
  'SCHOOL_DIRECT_SALARIED',
  'PG_TEACHING_APPRENTICESHIP',
  'TEACHER_DEGREE_APPRENTICESHIP',
  'ASSESSMENT_ONLY',
  'EARLY_YEARS_SALARIED',
  'EARLY_YEARS_ASSESSMENT_ONLY',
]);

export interface Trainee {
  row: TraineeRow;
  scitt: Scitt;
  placements: PlacementRow[];
}

function route(rng: Random, phase: CoursePhase, year: number): TrainingRoute {
  if (phase === 'EARLY_YEARS') {
    return rng.weighted([['EARLY_YEARS_POSTGRAD', 0.6], ['EARLY_YEARS_SALARIED', 0.3], ['EARLY_YEARS_ASSESSMENT_ONLY', 0.1]] as const);
  }
  if (year >= 2024) {
    return rng.weighted([
      ['PROVIDER_LED_POSTGRAD', 0.62],
      ['SCHOOL_DIRECT_TUITION_FEE', 0.08],
      ['SCHOOL_DIRECT_SALARIED', 0.08],
      ['PG_TEACHING_APPRENTICESHIP', 0.14],
      ['ASSESSMENT_ONLY', 0.06],
      ['TEACHER_DEGREE_APPRENTICESHIP', 0.02],
    ] as const);
  }
  return rng.weighted([
    ['PROVIDER_LED_POSTGRAD', 0.45],
    ['SCHOOL_DIRECT_TUITION_FEE', 0.25],
    ['SCHOOL_DIRECT_SALARIED', 0.1],
    ['PG_TEACHING_APPRENTICESHIP', 0.12],
    ['ASSESSMENT_ONLY', 0.08],
  ] as const);
}

/**
 * Trainee status: cohorts 2021–2023 are finished (AWARDED 85%, WITHDRAWN 9%, DEFERRED 6%); the 2024 cohort is in
 * training (IN_TRAINING 88%, WITHDRAWN 8%, DEFERRED 4%).
 */
function status(rng: Random, year: number): TraineeStatus {
  if (year >= 2024) return rng.weighted([['IN_TRAINING', 0.88], ['WITHDRAWN', 0.08], ['DEFERRED', 0.04]] as const);
  return rng.weighted([['AWARDED', 0.85], ['WITHDRAWN', 0.09], ['DEFERRED', 0.06]] as const);
}

const fitsPhase = (phase: CoursePhase) => (s: School) =>
  phase === 'EARLY_YEARS' ? s.servesEarlyYears : phase === 'PRIMARY' ? s.servesPrimary : s.servesSecondary;

/** A placement school: a partner school of the right phase (90%), else an open school of that phase near the SCITT. */
function placementSchool(rng: Random, world: World, scitt: Scitt, phase: CoursePhase, not: School | undefined): School {
  const fit = fitsPhase(phase);
  const partners = scitt.partners.filter((s) => fit(s) && s !== not);
  if (partners.length > 0 && rng.chance(0.9)) return rng.pick(partners);
  const nearby = [scitt.leadLaCode, ...(world.neighbours.get(scitt.leadLaCode) ?? [])]
    .flatMap((c) => engageableIn(world, c))
    .filter((s) => fit(s) && s !== not && s.region === scitt.row.region_code);
  if (nearby.length > 0) return rng.pick(nearby);
  const anyPartner = scitt.partners.filter((s) => s !== not);
  return rng.pick(anyPartner.length > 0 ? anyPartner : scitt.partners);
}

/**
 * Four cohorts (2021–2024) per SCITT. Sizes vary ±15% around the SCITT's typical cohort (10–45; 34 for 70245), times
 * cohortScale for the others (below 1 only at small size, where there are more SCITTs per school than nationally); phases follow what it offers
 * (early years 8%, primary 50%, secondary 42%, renormalised), and the first secondary trainees of each cohort cover
 * every subject the SCITT offers before further subjects are drawn by demand. Every AWARDED trainee has a TRN, 90% of
 * the others do. Placements: two (autumn, then spring–summer) for fee-funded routes, one for salaried, apprenticeship
 * and assessment-only routes, one cut short for WITHDRAWN/DEFERRED; an in-training trainee's current placement has no
 * ended_on yet. awarded_on is 15 June–31 July of the year after the cohort year, after the last placement ends.
 */
export function generateTrainees(world: World, scitts: readonly Scitt[], cohortScale: number): Trainee[] {
  const rng = new Random(world.seed, STREAM.trainees);
  const trainees: Trainee[] = [];
  for (const scitt of scitts) {
    const phases: [CoursePhase, number][] = [];
    if (scitt.offersEarlyYears) phases.push(['EARLY_YEARS', 0.08]);
    if (scitt.offersPrimary) phases.push(['PRIMARY', 0.5]);
    if (scitt.offersSecondary) phases.push(['SECONDARY', 0.42]);
    for (const year of TRAINEE_YEARS) {
      const scale = scitt.row.scitt_id === STOCKTON.scittId ? 1 : cohortScale;
      const count = Math.max(4, Math.round(scitt.cohortBase * scale * rng.float(0.85, 1.15)));
      const uncovered = rng.shuffle(scitt.subjects);
      for (let i = 1; i <= count; i++) {
        const phase = rng.weighted(phases);
        const subject =
          phase === 'SECONDARY' ? (uncovered.pop() ?? rng.weighted(scitt.subjects.map((c) => [c, SUBJECT_WEIGHTS[c] ?? 1] as const))) : null;
        const r = route(rng, phase, year);
        const st = status(rng, year);
        const traineeId = `T${scitt.row.scitt_id}-${year}-${String(i).padStart(4, '0')}`;
        const placements: PlacementRow[] = [];
        const start1 = isoDate(year, 9, rng.int(2, 20));
        const first = placementSchool(rng, world, scitt, phase, undefined);
        const ongoing = (end: string) => (st === 'IN_TRAINING' && end > DATA_AS_OF ? null : end);
        if (st === 'WITHDRAWN' || st === 'DEFERRED') {
          placements.push({ placement_id: `${traineeId}-P1`, trainee_id: traineeId, urn: first.row.urn, started_on: start1, ended_on: addDays(start1, rng.int(20, 130)) });
        } else if (SINGLE_PLACEMENT_ROUTES.has(r)) {
          const end = r === 'ASSESSMENT_ONLY' || r === 'EARLY_YEARS_ASSESSMENT_ONLY' ? addDays(start1, rng.int(70, 110)) : isoDate(year + 1, 6, rng.int(10, 30));
          placements.push({ placement_id: `${traineeId}-P1`, trainee_id: traineeId, urn: first.row.urn, started_on: start1, ended_on: ongoing(end) });
        } else {
          const second = placementSchool(rng, world, scitt, phase, first);
          placements.push({ placement_id: `${traineeId}-P1`, trainee_id: traineeId, urn: first.row.urn, started_on: start1, ended_on: isoDate(year, 12, rng.int(5, 19)) });
          const start2 = isoDate(year + 1, 1, rng.int(6, 20));
          placements.push({ placement_id: `${traineeId}-P2`, trainee_id: traineeId, urn: second.row.urn, started_on: start2, ended_on: ongoing(isoDate(year + 1, 6, rng.int(1, 30))) });
        }
        let awardedOn: string | null = null;
        if (st === 'AWARDED') {
          const lastEnd = placements[placements.length - 1].ended_on ?? start1;
          awardedOn = maxDate(dateBetween(rng, isoDate(year + 1, 6, 15), isoDate(year + 1, 7, 31)), addDays(lastEnd, 1));
        }
        trainees.push({
          row: {
            trainee_id: traineeId,
            scitt_id: scitt.row.scitt_id,
            trn: st === 'AWARDED' || rng.chance(0.9) ? world.trns.next() : null,
            route: r,
            phase,
            subject,
            academic_year: year,
            status: st,
            awarded_on: awardedOn,
          },
          scitt,
          placements,
        });
      }
    }
  }
  return trainees;
}
