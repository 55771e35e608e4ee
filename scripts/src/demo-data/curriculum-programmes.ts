import type { CurriculumHub } from './curriculum-hubs.ts';
import { Random, STREAM } from './random.ts';
import type { School } from './schools.ts';
import type { CurriculumHubKind, ParticipationRow, ProgrammeRow, WorkgroupPhase } from './types.ts';
import { engageableIn, type World } from './world.ts';

/** Academic years of hub programmes. */
export const PROGRAMME_YEARS = [2021, 2022, 2023, 2024] as const;

type Audience = 'primary' | 'secondary' | 'early' | 'all';

interface ProgrammeSpec {
  title: string;
  /** Mastery work-group phase (Maths Teaching for Mastery only). */
  phase: WorkgroupPhase | null;
  audience: Audience;
  /** Share of the hub's eligible schools taking part each year (not used for mastery programmes). */
  rate: number;
  /** First academic year it ran. */
  from?: number;
  /** Take-up favours schools in more need (high FSM, weaker inspection). */
  targeted?: boolean;
}

/** The programmes each kind of hub runs every year, in programme-number order. */
export const PROGRAMMES: Record<CurriculumHubKind, readonly ProgrammeSpec[]> = {
  MATHS: [
    { title: 'Mastery Readiness', phase: 'READINESS', audience: 'primary', rate: 0 },
    { title: 'Teaching for Mastery', phase: 'DEVELOPMENT', audience: 'all', rate: 0 },
    { title: 'Teaching for Mastery', phase: 'EMBEDDING', audience: 'all', rate: 0 },
    { title: 'Teaching for Mastery', phase: 'SUSTAINING', audience: 'all', rate: 0 },
    { title: 'Mastering Number', phase: null, audience: 'primary', rate: 0.12 },
    { title: 'Specialist Knowledge for Teaching Mathematics', phase: null, audience: 'primary', rate: 0.03 },
  ],
  ENGLISH: [
    { title: 'Phonics Partnership', phase: null, audience: 'primary', rate: 0.03, targeted: true },
    { title: 'Early Language Partnership', phase: null, audience: 'early', rate: 0.02, targeted: true },
    { title: 'Reading for Pleasure Partnership', phase: null, audience: 'primary', rate: 0.03 },
    { title: 'Phonics Showcase', phase: null, audience: 'primary', rate: 0.05 },
  ],
  COMPUTING: [
    { title: 'Secondary Computing CPD', phase: null, audience: 'secondary', rate: 0.25 },
    { title: 'Primary Computing CPD', phase: null, audience: 'primary', rate: 0.05 },
    { title: 'Computing Quality Framework', phase: null, audience: 'all', rate: 0.02 },
    { title: 'Subject Knowledge Certificate', phase: null, audience: 'secondary', rate: 0.08 },
  ],
  SCIENCE: [
    { title: 'Primary Science Quality Mark', phase: null, audience: 'primary', rate: 0.04 },
    { title: 'Secondary Science Subject Leadership', phase: null, audience: 'secondary', rate: 0.1 },
    { title: 'Subject Knowledge for Physics Teaching', phase: null, audience: 'secondary', rate: 0.08, targeted: true },
    { title: 'Science Technician CPD', phase: null, audience: 'secondary', rate: 0.06 },
    { title: 'Primary Science Leadership', phase: null, audience: 'primary', rate: 0.03 },
  ],
  MUSIC: [
    { title: 'Whole Class Ensemble Teaching', phase: null, audience: 'primary', rate: 0.2 },
    { title: 'Singing Strategy', phase: null, audience: 'primary', rate: 0.08 },
    { title: 'Secondary Music Network', phase: null, audience: 'secondary', rate: 0.2 },
    { title: 'Music Curriculum CPD', phase: null, audience: 'all', rate: 0.04 },
  ],
  LANGUAGES: [
    { title: 'Languages Hub Partner Schools', phase: null, audience: 'secondary', rate: 0.04 },
    { title: 'Primary Languages Network', phase: null, audience: 'primary', rate: 0.02 },
    { title: 'Mandarin Excellence Programme', phase: null, audience: 'secondary', rate: 0.01 },
    { title: 'Latin Excellence Programme', phase: null, audience: 'secondary', rate: 0.01, from: 2022, targeted: true },
  ],
};

const fits = (audience: Audience) => (s: School) =>
  audience === 'all'
    ? s.row.phase !== 'NURSERY'
    : audience === 'primary'
      ? s.servesPrimary
      : audience === 'secondary'
        ? s.servesSecondary
        : s.servesEarlyYears;

const need = (s: School) => {
  const weak = s.row.ofsted_rating === 'REQUIRES_IMPROVEMENT' || s.row.ofsted_rating === 'SERIOUS_WEAKNESSES' || s.row.ofsted_rating === 'SPECIAL_MEASURES' || s.row.ofsted_rating === 'INADEQUATE';
  return (weak ? 1.8 : 1) * ((s.row.percentage_fsm ?? 20) > 30 ? 1.6 : 1);
};

/** A school's Teaching for Mastery journey: the year it started and whether it began with Mastery Readiness. */
interface MasteryTrack {
  start: number;
  readiness: boolean;
}

/** The mastery work-group phase a school is in in a given year, or null when not in a work group that year. */
function masteryPhase(rng: Random, track: MasteryTrack, year: number): WorkgroupPhase | null {
  if (year < track.start) return null;
  const step = year - track.start + (track.readiness ? 0 : 1);
  if (step === 0) return 'READINESS';
  if (step === 1) return 'DEVELOPMENT';
  if (step === 2) return 'EMBEDDING';
  return rng.chance(0.7) ? 'SUSTAINING' : null;
}

/**
 * Programmes per hub per year 2021–2024 (programme_id `<hub_id>-<year>-<nn>`, nn the programme's place in its kind's
 * list) and participations of open state-funded schools in the hub's LAs that are not cold spots. Maths: half the
 * primary-phase schools (30% of secondaries) follow a mastery journey — Readiness (for 40% of them), Development,
 * Embedding, then Sustaining (70% of later years) — starting between 2016 and 2024; other programmes draw their
 * schools at a yearly rate (more in need for targeted ones). teachers: 1–6, empty for 15% of rows (= 1).
 */
export function generateProgrammes(world: World, hubs: readonly CurriculumHub[]): { programmes: ProgrammeRow[]; participations: ParticipationRow[] } {
  const rng = new Random(world.seed, STREAM.participations);
  const programmes: ProgrammeRow[] = [];
  const participations: ParticipationRow[] = [];
  const teachers = (): number | null => (rng.chance(0.15) ? null : rng.weighted([[1, 40], [2, 25], [3, 15], [4, 10], [5, 6], [6, 4]] as const));
  for (const hub of hubs) {
    const schools = hub.las.flatMap((la) => engageableIn(world, la.laCode));
    const specs = PROGRAMMES[hub.row.kind];
    const tracks = new Map<School, MasteryTrack>();
    if (hub.row.kind === 'MATHS') {
      for (const s of schools) {
        if (!fits('all')(s) || !rng.chance(s.servesPrimary ? 0.5 : 0.3)) continue;
        const start = rng.weighted([[rng.int(2016, 2020), 0.55], [2021, 0.12], [2022, 0.12], [2023, 0.11], [2024, 0.1]] as const);
        tracks.set(s, { start, readiness: s.servesPrimary && rng.chance(0.4) });
      }
    }
    for (const year of PROGRAMME_YEARS) {
      const inPhase = new Map<WorkgroupPhase, School[]>();
      for (const [s, track] of tracks) {
        const phase = masteryPhase(rng, track, year);
        if (phase) inPhase.set(phase, [...(inPhase.get(phase) ?? []), s]);
      }
      specs.forEach((spec, i) => {
        if (spec.from !== undefined && year < spec.from) return;
        const programmeId = `${hub.row.hub_id}-${year}-${String(i + 1).padStart(2, '0')}`;
        programmes.push({ programme_id: programmeId, hub_id: hub.row.hub_id, title: spec.title, academic_year: year, workgroup_phase: spec.phase });
        const taking = spec.phase
          ? (inPhase.get(spec.phase) ?? [])
          : schools.filter((s) => fits(spec.audience)(s) && rng.chance(spec.rate * (spec.targeted ? need(s) : 1)));
        for (const s of taking) participations.push({ programme_id: programmeId, urn: s.row.urn, teachers: teachers() });
      });
    }
  }
  return { programmes, participations };
}
