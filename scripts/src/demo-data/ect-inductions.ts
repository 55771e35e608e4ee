import { addDays, dateBetween, isoDate, minDate } from './dates.ts';
import { Random, STREAM } from './random.ts';
import type { School } from './schools.ts';
import { DATA_AS_OF } from './sizes.ts';
import type { TeachingSchoolHubs } from './teaching-school-hubs.ts';
import type { Trainee } from './trainees.ts';
import type { EctInductionRow, EctStatus, EctTrainingProgramme } from './types.ts';
import { engageableIn, type World } from './world.ts';

/** Academic years of ECT inductions. */
export const ECT_YEARS = [2021, 2022, 2023, 2024] as const;

export interface Ect {
  row: EctInductionRow;
  school: School;
  trainee: Trainee | undefined;
}

export interface EctInductions {
  ects: Ect[];
  /** Mentor TRNs per school URN (experienced teachers; some later take NPQs). */
  mentors: Map<string, string[]>;
}

/** Expected new ECTs per school per year, by phase and size (many primaries have none, secondaries a few). */
function expectedEcts(s: School): number {
  const pupils = s.row.number_of_pupils ?? 200;
  switch (s.row.phase) {
    case 'PRIMARY':
      return 0.75 * (pupils / 250) ** 0.7;
    case 'NURSERY':
      return 0.08;
    case 'MIDDLE_DEEMED_PRIMARY':
    case 'MIDDLE_DEEMED_SECONDARY':
      return 1;
    case 'SECONDARY':
      return 3.4 * (pupils / 1000) ** 0.8;
    case 'ALL_THROUGH':
      return 4.5;
    case 'SIXTEEN_PLUS':
      return s.row.type_group === 'COLLEGE' ? 1.5 : 0.6;
    case 'NOT_APPLICABLE':
      return s.alternativeProvision ? 0.25 : 0.8;
  }
}

const YEAR_FACTOR: Record<number, number> = { 2021: 1, 2022: 1.05, 2023: 0.95, 2024: 0.95 };

/**
 * Induction status by the year it began (inductions last two years; 2024/25 is current):
 * 2021–2022 PASSED 91%, FAILED 1.5%, EXTENDED 2.5%, WITHDRAWN 5%; 2023 IN_PROGRESS 89%, WITHDRAWN 7%, PASSED 4%
 * (reduced induction; September starters only); 2024 IN_PROGRESS 95%, WITHDRAWN 5%.
 */
function ectStatus(rng: Random, year: number, januaryStart: boolean): EctStatus {
  if (year <= 2022) return rng.weighted([['PASSED', 0.91], ['FAILED', 0.015], ['EXTENDED', 0.025], ['WITHDRAWN', 0.05]] as const);
  if (year === 2023) {
    const st = rng.weighted([['IN_PROGRESS', 0.89], ['WITHDRAWN', 0.07], ['PASSED', 0.04]] as const);
    return st === 'PASSED' && januaryStart ? 'IN_PROGRESS' : st;
  }
  return rng.weighted([['IN_PROGRESS', 0.95], ['WITHDRAWN', 0.05]] as const);
}

/**
 * finished_on: PASSED/FAILED two years after starting (July, or December for January starters; July 2024 for a
 * 2023 reduced induction); WITHDRAWN a day between a month after starting and the earlier of two years later and
 * DATA_AS_OF; empty for IN_PROGRESS and EXTENDED.
 */
function finishedOn(rng: Random, status: EctStatus, year: number, startedOn: string, januaryStart: boolean): string | null {
  switch (status) {
    case 'PASSED':
    case 'FAILED':
      if (year === 2023) return isoDate(2024, 7, rng.int(10, 24));
      return januaryStart ? isoDate(year + 2, 12, rng.int(5, 19)) : isoDate(year + 2, 7, rng.int(10, 24));
    case 'WITHDRAWN':
      return dateBetween(rng, addDays(startedOn, 30), minDate(addDays(startedOn, 700), DATA_AS_OF));
    default:
      return null;
  }
}

/**
 * ECT inductions 2021–2024. First, 75% of each QTS-awarded SCITT trainee of cohort Y (2021–2023) begins induction in
 * September of Y+1 at a school of their phase: 30% one of the SCITT's partner schools, 25% another school of the
 * SCITT's lead LA, 25% a school elsewhere in its region, 20% anywhere else in England. Then every open state-funded
 * school that is not a cold spot takes a Poisson number of ECTs trained elsewhere (new TRNs); 10% of those start in
 * January. hub_id is the school's home hub; training programme follows the school's choice (PROVIDER_LED for 78% of
 * schools) 92% of the time; 65% of inductions name a mentor from the school's one to four mentors.
 */
export function generateEctInductions(world: World, tsh: TeachingSchoolHubs, trainees: readonly Trainee[]): EctInductions {
  const rng = new Random(world.seed, STREAM.ects);
  const engageable = world.schools.filter((s) => s.engageable);
  const mentors = new Map<string, string[]>();
  const schoolProgramme = new Map<string, EctTrainingProgramme>();
  const programmeOf = (s: School): EctTrainingProgramme => {
    let p = schoolProgramme.get(s.row.urn);
    if (!p) {
      p = rng.chance(0.78) ? 'PROVIDER_LED' : 'SCHOOL_LED';
      schoolProgramme.set(s.row.urn, p);
    }
    if (rng.chance(0.92)) return p;
    return p === 'PROVIDER_LED' ? 'SCHOOL_LED' : 'PROVIDER_LED';
  };
  const mentorOf = (s: School, ectTrn: string): string | null => {
    if (!rng.chance(0.65)) return null;
    let pool = mentors.get(s.row.urn);
    if (!pool) {
      pool = Array.from({ length: Math.min(4, 1 + Math.floor((s.row.number_of_pupils ?? 200) / 450)) }, () => world.trns.next());
      mentors.set(s.row.urn, pool);
    }
    const m = rng.pick(pool);
    return m === ectTrn ? null : m;
  };
  const ects: Ect[] = [];
  for (const year of ECT_YEARS) {
    let seq = 0;
    const add = (school: School, trn: string, trainee: Trainee | undefined) => {
      const january = trainee === undefined && rng.chance(0.1);
      const startedOn = january ? isoDate(year + 1, 1, rng.int(3, 17)) : isoDate(year, 9, rng.int(1, 12));
      const status = ectStatus(rng, year, january);
      const hubId = tsh.homeHub.get(school.row.urn);
      if (!hubId) throw new Error(`no Teaching School Hub covers LA ${school.la.laCode}`);
      ects.push({
        row: {
          induction_id: `ECT-${year}-${String(++seq).padStart(6, '0')}`,
          trn,
          school_urn: school.row.urn,
          hub_id: hubId,
          academic_year: year,
          training_programme: programmeOf(school),
          status,
          started_on: startedOn,
          finished_on: finishedOn(rng, status, year, startedOn, january),
          mentor_trn: mentorOf(school, trn),
        },
        school,
        trainee,
      });
    };
    for (const t of trainees) {
      if (t.row.academic_year !== year - 1 || t.row.status !== 'AWARDED' || t.row.phase === 'EARLY_YEARS' || t.row.trn === null) continue;
      if (!rng.chance(0.75)) continue;
      add(inductionSchool(rng, world, engageable, t), t.row.trn, t);
    }
    for (const s of engageable) {
      const n = rng.poisson(expectedEcts(s) * YEAR_FACTOR[year]);
      for (let i = 0; i < n; i++) add(s, world.trns.next(), undefined);
    }
  }
  return { ects, mentors };
}

function inductionSchool(rng: Random, world: World, engageable: readonly School[], t: Trainee): School {
  const fit = (s: School) => (t.row.phase === 'PRIMARY' ? s.servesPrimary : s.servesSecondary);
  const scitt = t.scitt;
  const region = scitt.row.region_code;
  const partners = scitt.partners.filter(fit);
  const partnerSet = new Set(scitt.partners);
  const lead = engageableIn(world, scitt.leadLaCode).filter((s) => fit(s) && !partnerSet.has(s));
  const inRegion = (world.engageableByRegion.get(region) ?? []).filter((s) => fit(s) && s.la.laCode !== scitt.leadLaCode && !partnerSet.has(s));
  const r = rng.next();
  const order = r < 0.3 ? [partners, lead, inRegion] : r < 0.55 ? [lead, partners, inRegion] : r < 0.8 ? [inRegion, lead, partners] : [];
  for (const pool of order) if (pool.length > 0) return rng.pick(pool);
  for (;;) {
    const s = rng.pick(engageable);
    if (fit(s) && s.region !== region) return s;
  }
}
