import { apportion } from './apportion.ts';
import { shortLaName } from './la-profiles.ts';
import { placeName } from './names.ts';
import { Random, STREAM } from './random.ts';
import type { School } from './schools.ts';
import type { SizeConfig } from './sizes.ts';
import { REGION_CODES, type RegionCode, type ScittPartnerSchoolRow, type ScittRow } from './types.ts';
import { engageableIn, type World } from './world.ts';

/** HECoS codes of the secondary subjects SCITTs train in. */
export const HECOS = {
  mathematics: '100403',
  physics: '100425',
  chemistry: '100417',
  biology: '100346',
  computerScience: '100366',
  english: '100320',
  french: '100321',
  music: '100642',
  design: '100048',
  history: '100302',
  geography: '100409',
  spanish: '100332',
  german: '100323',
} as const;

/** Relative demand for each subject among secondary trainees. */
export const SUBJECT_WEIGHTS: Record<string, number> = {
  [HECOS.mathematics]: 16,
  [HECOS.english]: 13,
  [HECOS.biology]: 9,
  [HECOS.chemistry]: 8,
  [HECOS.physics]: 7,
  [HECOS.computerScience]: 6,
  [HECOS.history]: 8,
  [HECOS.geography]: 7,
  [HECOS.french]: 5,
  [HECOS.spanish]: 5,
  [HECOS.german]: 2,
  [HECOS.music]: 4,
  [HECOS.design]: 5,
};

/** The SCITT every size includes, as DOMAIN.md describes it. */
export const STOCKTON = {
  scittId: '70245',
  name: 'Stockton-on-Tees Teacher Training Partnership',
  laCode: '808',
  partnerCount: 22,
  /** Partners outside 808: its Tees Valley and County Durham neighbours. */
  neighbourLaCodes: ['805', '806', '807', '841', '840'],
  neighbourPartners: 6,
  cohortBase: 34,
  subjects: [
    HECOS.mathematics,
    HECOS.physics,
    HECOS.chemistry,
    HECOS.biology,
    HECOS.computerScience,
    HECOS.english,
    HECOS.french,
    HECOS.music,
    HECOS.design,
    HECOS.history,
    HECOS.geography,
  ],
} as const;

/** A generated SCITT and what its trainees need. */
export interface Scitt {
  row: ScittRow;
  leadLaCode: string;
  partners: School[];
  offersEarlyYears: boolean;
  offersPrimary: boolean;
  offersSecondary: boolean;
  /** HECoS codes of its secondary subjects. */
  subjects: string[];
  /** Typical trainees per year. */
  cohortBase: number;
}

/** SCITTs at national size: about one per two LAs. */
const NATIONAL_SCITTS = 77;

/** How SCITTs other than 70245 scale their cohorts, so that trainees per school stay about national (0.35–1). */
export const scittCohortScale = (size: SizeConfig, scittCount: number): number =>
  Math.min(1, Math.max(0.35, (size.scale * NATIONAL_SCITTS) / scittCount));

const primaryFit = (s: School) => s.servesPrimary || s.row.phase === 'NURSERY';

/**
 * Chooses `count` partner schools: from `pools` in order of preference (each with a weight), keeping a primary /
 * secondary mix that fits what the SCITT offers.
 */
function choosePartners(rng: Random, count: number, pools: readonly (readonly [School[], number])[], secondaryShare: number): School[] {
  const chosen = new Set<School>();
  const weightOf = new Map<School, number>();
  for (const [pool, w] of pools) for (const s of pool) if (!weightOf.has(s)) weightOf.set(s, w);
  const all = [...weightOf.keys()];
  const wanted = [
    [Math.round(count * secondaryShare), (s: School) => s.servesSecondary && !s.servesPrimary],
    [count - Math.round(count * secondaryShare), primaryFit],
  ] as const;
  for (const [n, fit] of wanted) {
    for (const s of rng.sampleWeighted(
      all.filter((x) => fit(x) && !chosen.has(x)),
      n,
      (x) => weightOf.get(x) ?? 0,
    ))
      chosen.add(s);
  }
  if (chosen.size < count) {
    for (const s of rng.sampleWeighted(
      all.filter((x) => !chosen.has(x)),
      count - chosen.size,
      (x) => weightOf.get(x) ?? 0,
    ))
      chosen.add(s);
  }
  return [...chosen];
}

function scittName(rng: Random, laName: string, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const place = rng.chance(0.5) ? shortLaName(laName) : placeName(rng);
    const name = rng.weighted([
      [`${place} SCITT`, 3],
      [`${place} Teacher Training Partnership`, 2],
      [`${place} School Centred Initial Teacher Training`, 1],
      [`${place} Primary SCITT`, 1],
      [`${place} Teaching Alliance SCITT`, 1],
      [`${placeName(rng)} ITT Partnership`, 1],
    ] as const);
    const unique = attempt > 6 ? `${name} ${attempt}` : name;
    if (!used.has(unique)) {
      used.add(unique);
      return unique;
    }
  }
}

/**
 * SCITTs: about one per two LAs at national size, fewer at smaller sizes but at least one per region, always including
 * 70245 Stockton-on-Tees Teacher Training Partnership. Each has 8–30 partner schools in its lead LA and neighbouring
 * LAs of its region (70245: exactly 22, 16 in 808) and a lead school among them.
 */
export function generateScitts(world: World, size: SizeConfig): Scitt[] {
  const rng = new Random(world.seed, STREAM.scitts);
  const total = Math.max(REGION_CODES.length, Math.round(NATIONAL_SCITTS * size.scale));
  const regionWeights = new Map<RegionCode, number>(REGION_CODES.map((r) => [r, world.engageableByRegion.get(r)?.length ?? 0]));
  const perRegion = apportion(total, regionWeights, 1);
  const usedIds = new Set<string>([STOCKTON.scittId]);
  const usedUkprns = new Set<string>();
  const usedNames = new Set<string>([STOCKTON.name]);
  const ukprn = () => {
    for (;;) {
      const v = String(rng.int(10_000_000, 10_099_999));
      if (!usedUkprns.has(v)) {
        usedUkprns.add(v);
        return v;
      }
    }
  };
  const scitts: Scitt[] = [];
  for (const region of REGION_CODES) {
    let n = perRegion.get(region) ?? 0;
    const regionLas = world.las.filter((la) => la.regionCode === region);
    let leadLas: string[] = [];
    if (region === 'A') {
      scitts.push(stockton(world, rng, ukprn()));
      n--;
      leadLas.push(STOCKTON.laCode);
    }
    for (let i = 0; i < n; i++) {
      // Lead LAs: weighted by size, each LA once before any LA is used twice.
      let free = regionLas.filter((la) => !leadLas.includes(la.laCode) && engageableIn(world, la.laCode).length >= 3);
      if (free.length === 0) {
        leadLas = [];
        free = regionLas.filter((la) => engageableIn(world, la.laCode).length >= 3);
      }
      const la = rng.pickWeighted(free, (x) => engageableIn(world, x.laCode).length) ?? regionLas[0];
      leadLas.push(la.laCode);
      let id: string;
      do id = String(rng.int(70_010, 70_990));
      while (usedIds.has(id));
      usedIds.add(id);
      const offersSecondary = rng.chance(0.65);
      const offersPrimary = !offersSecondary || rng.chance(0.85);
      const offersEarlyYears = offersPrimary && rng.chance(0.12);
      const subjects = offersSecondary
        ? rng.sampleWeighted(Object.keys(SUBJECT_WEIGHTS), rng.int(3, 12), (c) => SUBJECT_WEIGHTS[c])
        : [];
      const neighbours = (world.neighbours.get(la.laCode) ?? []).filter((c) => world.laByCode.get(c)?.regionCode === region);
      const partners = choosePartners(
        rng,
        rng.int(8, 30),
        [
          [engageableIn(world, la.laCode), 4],
          [neighbours.flatMap((c) => engageableIn(world, c)), 1],
          [world.engageableByRegion.get(region) ?? [], 0.05],
        ],
        offersSecondary ? (offersPrimary ? 0.35 : 0.85) : 0.05,
      );
      scitts.push({
        row: {
          scitt_id: id,
          ukprn: rng.chance(0.95) ? ukprn() : null,
          name: scittName(rng, la.name, usedNames),
          lead_school_urn: leadSchool(partners, la.laCode, offersSecondary)?.row.urn ?? null,
          region_code: region,
        },
        leadLaCode: la.laCode,
        partners,
        offersEarlyYears,
        offersPrimary,
        offersSecondary,
        subjects,
        cohortBase: rng.int(10, 45),
      });
    }
  }
  return scitts;
}

function leadSchool(partners: readonly School[], laCode: string, secondary: boolean): School | undefined {
  const local = partners.filter((s) => s.la.laCode === laCode);
  const pool = local.length > 0 ? local : partners;
  return pool.find((s) => (secondary ? s.row.phase === 'SECONDARY' : s.row.phase === 'PRIMARY')) ?? pool[0];
}

function stockton(world: World, rng: Random, ukprn: string): Scitt {
  const local = engageableIn(world, STOCKTON.laCode);
  const nearby = STOCKTON.neighbourLaCodes.flatMap((c) => engageableIn(world, c));
  const outside = choosePartners(rng, STOCKTON.neighbourPartners, [[nearby, 1]], 0.35);
  const inside = choosePartners(rng, STOCKTON.partnerCount - outside.length, [[local, 1]], 0.3);
  let partners = [...inside, ...outside];
  if (partners.length < STOCKTON.partnerCount) {
    const region = (world.engageableByRegion.get('A') ?? []).filter((s) => !partners.includes(s));
    partners = [...partners, ...rng.sample(region, STOCKTON.partnerCount - partners.length)];
  }
  return {
    row: {
      scitt_id: STOCKTON.scittId,
      ukprn,
      name: STOCKTON.name,
      lead_school_urn: leadSchool(partners, STOCKTON.laCode, true)?.row.urn ?? null,
      region_code: 'A',
    },
    leadLaCode: STOCKTON.laCode,
    partners,
    offersEarlyYears: true,
    offersPrimary: true,
    offersSecondary: true,
    subjects: [...STOCKTON.subjects],
    cohortBase: STOCKTON.cohortBase,
  };
}

export const partnerRows = (scitts: readonly Scitt[]): ScittPartnerSchoolRow[] =>
  scitts.flatMap((s) => s.partners.map((p) => ({ scitt_id: s.row.scitt_id, urn: p.row.urn })));
