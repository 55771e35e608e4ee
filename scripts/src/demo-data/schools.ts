import { laProfile, shortLaName } from './la-profiles.ts';
import { independentSchoolName, placeName, postcode, schoolName, trustName } from './names.ts';
import { Random, STREAM } from './random.ts';
import type { LocalAuthorityRef } from './reference.ts';
import type { SizeConfig } from './sizes.ts';
import type { OfstedRating, RegionCode, SchoolPhase, SchoolRow, SchoolStatus, TypeGroup } from './types.ts';

/** A generated school: its schools.csv row plus what the other generators need to know about it. */
export interface School {
  row: SchoolRow;
  la: LocalAuthorityRef;
  region: RegionCode;
  stateFunded: boolean;
  /** OPEN or OPEN_PROPOSED_TO_CLOSE: can host trainees, ECTs, NPQ participants and hub work. */
  active: boolean;
  alternativeProvision: boolean;
  /** Small school in a rural LA. */
  remote: boolean;
  /** Chosen as a cold spot: never engaged by a SCITT, TSH or curriculum hub (set by cold-spots.ts). */
  cold: boolean;
  /** active && stateFunded && !cold. */
  engageable: boolean;
  servesEarlyYears: boolean;
  servesPrimary: boolean;
  servesSecondary: boolean;
}

const STATE_PHASES: readonly (readonly [SchoolPhase | 'AP', number])[] = [
  ['PRIMARY', 0.83],
  ['NURSERY', 0.018],
  ['SECONDARY', 0.108],
  ['ALL_THROUGH', 0.007],
  ['SIXTEEN_PLUS', 0.007],
  ['NOT_APPLICABLE', 0.036],
  ['AP', 0.012],
];
const MIDDLE_LA_PHASES: readonly (readonly [SchoolPhase | 'AP', number])[] = [
  ...STATE_PHASES,
  ['MIDDLE_DEEMED_PRIMARY', 0.025],
  ['MIDDLE_DEEMED_SECONDARY', 0.035],
];
const INDEPENDENT_PHASES: readonly (readonly [SchoolPhase, number])[] = [
  ['PRIMARY', 0.3],
  ['ALL_THROUGH', 0.35],
  ['SECONDARY', 0.15],
  ['NOT_APPLICABLE', 0.2],
];
const INDEPENDENT_RATE: Record<RegionCode, number> = { A: 0.03, B: 0.03, D: 0.03, E: 0.035, F: 0.035, G: 0.05, H: 0.09, J: 0.07, K: 0.05 };

/** How many schools each LA gets: proportional to its real size, at least the size's minimum, summing to about the total. */
export function allocateSchoolCounts(las: readonly LocalAuthorityRef[], size: SizeConfig): Map<string, number> {
  const min = (la: LocalAuthorityRef) => (la.laCode === '808' ? Math.max(size.minSchoolsStockton, size.minSchoolsPerLa) : size.minSchoolsPerLa);
  const countAt = (scale: number) => las.map((la) => Math.max(min(la), Math.round(laProfile(la.laCode).schools * scale)));
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const total = countAt(mid).reduce((a, b) => a + b, 0);
    if (total < size.totalSchools) lo = mid;
    else hi = mid;
  }
  const counts = countAt(hi);
  return new Map(las.map((la, i) => [la.laCode, counts[i]]));
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function ages(rng: Random, phase: SchoolPhase, ap: boolean, independent: boolean, middleLa: boolean): [number, number] {
  switch (phase) {
    case 'NURSERY':
      return rng.chance(0.5) ? [2, 5] : [3, 5];
    case 'PRIMARY':
      if (independent) return rng.weighted([[[3, 11], 0.5], [[4, 11], 0.2], [[3, 13], 0.3]] as const).slice() as [number, number];
      return rng.weighted([[[4, 11], 0.67], [[3, 11], 0.17], [[4, 7], 0.06], [[3, 7], 0.02], [[7, 11], 0.08]] as const).slice() as [number, number];
    case 'MIDDLE_DEEMED_PRIMARY':
      return rng.chance(0.5) ? [8, 12] : [9, 12];
    case 'MIDDLE_DEEMED_SECONDARY':
      return rng.chance(0.7) ? [9, 13] : [10, 13];
    case 'SECONDARY':
      if (independent) return rng.chance(0.6) ? [11, 18] : [13, 18];
      if (middleLa && rng.chance(0.3)) return [13, 18];
      return rng.chance(0.47) ? [11, 16] : [11, 18];
    case 'SIXTEEN_PLUS':
      return [16, 19];
    case 'ALL_THROUGH':
      if (independent) return rng.chance(0.6) ? [3, 18] : [4, 18];
      return rng.weighted([[[4, 18], 0.55], [[3, 18], 0.35], [[4, 16], 0.1]] as const).slice() as [number, number];
    case 'NOT_APPLICABLE':
      if (ap) return rng.weighted([[[11, 16], 0.6], [[5, 16], 0.25], [[14, 16], 0.15]] as const).slice() as [number, number];
      return rng.weighted([[[2, 19], 0.3], [[3, 19], 0.2], [[4, 19], 0.15], [[11, 19], 0.2], [[4, 11], 0.1], [[11, 16], 0.05]] as const).slice() as [number, number];
  }
}

function pupils(rng: Random, phase: SchoolPhase, typeGroup: TypeGroup, ap: boolean, lowAge: number, highAge: number, rural: boolean): number {
  const ln = (median: number, sigma: number, lo: number, hi: number) => Math.round(clamp(rng.logNormal(median, sigma), lo, hi));
  if (typeGroup === 'INDEPENDENT') return phase === 'NOT_APPLICABLE' ? ln(60, 0.6, 5, 300) : ln(330, 0.7, 15, 1600);
  switch (phase) {
    case 'NURSERY':
      return ln(95, 0.4, 20, 260);
    case 'PRIMARY':
      if (highAge <= 7) return ln(rural ? 120 : 190, 0.4, 20, 450);
      if (lowAge >= 7) return ln(rural ? 160 : 250, 0.4, 30, 600);
      return ln(rural ? 150 : 270, 0.45, 12, 950);
    case 'MIDDLE_DEEMED_PRIMARY':
    case 'MIDDLE_DEEMED_SECONDARY':
      return ln(420, 0.35, 100, 900);
    case 'SECONDARY':
      return ln(highAge === 16 ? 880 : 1080, 0.35, 150, 2400);
    case 'SIXTEEN_PLUS':
      return typeGroup === 'COLLEGE' ? ln(1500, 0.45, 300, 4000) : ln(280, 0.5, 60, 1200);
    case 'ALL_THROUGH':
      return ln(1350, 0.35, 300, 3000);
    case 'NOT_APPLICABLE':
      return ap ? ln(45, 0.5, 5, 200) : ln(125, 0.45, 15, 450);
  }
}

const ratingWeights = (phase: SchoolPhase, ap: boolean): [OfstedRating, number][] => {
  if (phase === 'NURSERY') return [['OUTSTANDING', 0.58], ['GOOD', 0.38], ['REQUIRES_IMPROVEMENT', 0.035], ['INADEQUATE', 0.005]];
  if (ap) return [['OUTSTANDING', 0.18], ['GOOD', 0.6], ['REQUIRES_IMPROVEMENT', 0.15], ['SERIOUS_WEAKNESSES', 0.025], ['SPECIAL_MEASURES', 0.025], ['INADEQUATE', 0.02]];
  if (phase === 'NOT_APPLICABLE') return [['OUTSTANDING', 0.34], ['GOOD', 0.56], ['REQUIRES_IMPROVEMENT', 0.07], ['SERIOUS_WEAKNESSES', 0.01], ['SPECIAL_MEASURES', 0.01], ['INADEQUATE', 0.01]];
  return [['OUTSTANDING', 0.165], ['GOOD', 0.68], ['REQUIRES_IMPROVEMENT', 0.12], ['SERIOUS_WEAKNESSES', 0.012], ['SPECIAL_MEASURES', 0.012], ['INADEQUATE', 0.007]];
};

function ofstedRating(rng: Random, s: { phase: SchoolPhase; typeGroup: TypeGroup; status: SchoolStatus; ap: boolean; fsm: number | null }): OfstedRating | null {
  if (s.typeGroup === 'INDEPENDENT') {
    if (s.status === 'PROPOSED_TO_OPEN' || rng.chance(0.45)) return null;
    return rng.weighted([['OUTSTANDING', 0.3], ['GOOD', 0.58], ['REQUIRES_IMPROVEMENT', 0.09], ['INADEQUATE', 0.03]] as const);
  }
  if (s.status === 'PROPOSED_TO_OPEN') return 'NOT_INSPECTED';
  if (rng.chance(s.typeGroup === 'FREE_SCHOOL' ? 0.12 : 0.02)) return 'NOT_INSPECTED';
  const fsm = s.fsm ?? 24;
  const weights = ratingWeights(s.phase, s.ap).map(([rating, w]): [OfstedRating, number] => {
    let f = 1;
    const weak = rating !== 'OUTSTANDING' && rating !== 'GOOD';
    if (fsm > 35) f = rating === 'OUTSTANDING' ? 0.75 : rating === 'REQUIRES_IMPROVEMENT' ? 1.45 : weak ? 1.6 : 1;
    else if (fsm < 12) f = rating === 'OUTSTANDING' ? 1.35 : rating === 'REQUIRES_IMPROVEMENT' ? 0.6 : weak ? 0.5 : 1;
    if (s.status === 'CLOSED' && weak) f *= 2;
    return [rating, w * f];
  });
  return rng.weighted(weights);
}

function typeGroupFor(rng: Random, phase: SchoolPhase, ap: boolean, academyRate: number): TypeGroup {
  switch (phase) {
    case 'PRIMARY':
    case 'MIDDLE_DEEMED_PRIMARY':
    case 'MIDDLE_DEEMED_SECONDARY':
      return rng.weighted([['ACADEMY', academyRate], ['FREE_SCHOOL', 0.025], ['LA_MAINTAINED', 0.975 - academyRate]] as const);
    case 'SECONDARY': {
      const secondaryRate = clamp(0.35 + academyRate, 0.35, 0.9);
      return rng.weighted([['ACADEMY', secondaryRate], ['FREE_SCHOOL', 0.08], ['LA_MAINTAINED', 0.92 - secondaryRate]] as const);
    }
    case 'NURSERY':
      return rng.chance(0.96) ? 'LA_MAINTAINED' : 'ACADEMY';
    case 'ALL_THROUGH':
      return rng.weighted([['ACADEMY', 0.65], ['FREE_SCHOOL', 0.25], ['LA_MAINTAINED', 0.1]] as const);
    case 'SIXTEEN_PLUS':
      return rng.weighted([['COLLEGE', 0.55], ['ACADEMY', 0.25], ['FREE_SCHOOL', 0.2]] as const);
    case 'NOT_APPLICABLE':
      if (ap) return rng.weighted([['OTHER', 0.75], ['ACADEMY', 0.15], ['FREE_SCHOOL', 0.1]] as const);
      return rng.weighted([['SPECIAL', 0.62], ['ACADEMY', 0.28], ['FREE_SCHOOL', 0.1]] as const);
  }
}

const FSM_PHASE_FACTOR: Record<SchoolPhase, number> = {
  NURSERY: 0.75,
  PRIMARY: 1,
  MIDDLE_DEEMED_PRIMARY: 0.95,
  MIDDLE_DEEMED_SECONDARY: 0.95,
  SECONDARY: 0.95,
  SIXTEEN_PLUS: 0.8,
  ALL_THROUGH: 1,
  NOT_APPLICABLE: 1.55,
};

/** The place names of one LA: a pool reused across its schools, plus the LA's own town name where it is one. */
function placePool(rng: Random, la: LocalAuthorityRef, count: number): string[] {
  const pool = new Set<string>();
  const own = shortLaName(la.name).replace(/[- ](on|upon)[- ].*$/, '');
  if (!/ and |shire|County|Furness|Cumberland|Isles|London|Forest|Wight|Tyneside|Riding|Wrekin|Somerset|Halton|Rutland/.test(own)) pool.add(own);
  const target = Math.max(6, Math.ceil(count / 2.2));
  for (let i = 0; pool.size < target && i < target * 10; i++) pool.add(placeName(rng));
  return [...pool];
}

/**
 * Generates every LA's schools. URNs are assigned after generation, in LA order: LA-maintained, special, college and
 * other schools from 100000, academies and free schools from the next thousand after those, independent schools after
 * that, with small random gaps, so they look like GIAS URNs and are unique.
 */
export function generateSchools(seed: number, size: SizeConfig, las: readonly LocalAuthorityRef[]): School[] {
  const rng = new Random(seed, STREAM.schools);
  const nameRng = new Random(seed, STREAM.names);
  const counts = allocateSchoolCounts(las, size);
  const schools: School[] = [];
  for (const la of las) {
    const profile = laProfile(la.laCode);
    const n = counts.get(la.laCode) ?? 0;
    const academyRate = clamp(0.42 * rng.logNormal(1, 0.45), 0.08, 0.9);
    const places = placePool(nameRng, la, n);
    const usedNames = new Set<string>();
    for (let i = 0; i < n; i++) {
      // Every LA's first school is an open state-funded primary, and (from six schools) its second a secondary.
      const anchor = i === 0 || (i === 1 && n >= 6);
      const independent = !anchor && rng.chance(INDEPENDENT_RATE[la.regionCode]);
      let phaseOrAp: SchoolPhase | 'AP';
      if (anchor) phaseOrAp = i === 1 ? 'SECONDARY' : 'PRIMARY';
      else if (independent) phaseOrAp = rng.weighted(INDEPENDENT_PHASES);
      else phaseOrAp = rng.weighted(profile.middleSchools ? MIDDLE_LA_PHASES : STATE_PHASES);
      const ap = phaseOrAp === 'AP';
      const phase: SchoolPhase = ap ? 'NOT_APPLICABLE' : (phaseOrAp as SchoolPhase);
      const typeGroup: TypeGroup = independent ? 'INDEPENDENT' : typeGroupFor(rng, phase, ap, academyRate);
      let status: SchoolStatus = 'OPEN';
      if (!anchor) {
        const proposedRate = typeGroup === 'FREE_SCHOOL' ? 0.06 : 0.008;
        status = rng.weighted([['OPEN', 0.94], ['CLOSED', 0.04], ['OPEN_PROPOSED_TO_CLOSE', 0.01], ['PROPOSED_TO_OPEN', proposedRate]] as const);
      }
      const [lowAge, highAge] = ages(rng, phase, ap, independent, profile.middleSchools);
      const numberOfPupils = pupils(rng, phase, typeGroup, ap, lowAge, highAge, profile.rural);
      const hasFigures = status === 'OPEN' || status === 'OPEN_PROPOSED_TO_CLOSE';
      let fsm: number | null = null;
      if (!independent && hasFigures) {
        const raw = profile.fsm * FSM_PHASE_FACTOR[phase] * (ap ? 1.3 : 1) * rng.logNormal(0.97, 0.42);
        fsm = Math.round(clamp(raw, 0, 80) * 10) / 10;
      }
      const ofsted = ofstedRating(rng, { phase, typeGroup, status, ap, fsm });
      const place = rng.pick(places);
      const nameInput = { phase, typeGroup, lowAge, highAge, alternativeProvision: ap };
      let name = independent ? independentSchoolName(nameRng, place, phase) : schoolName(nameRng, place, nameInput);
      for (let attempt = 0; usedNames.has(name) && attempt < 8; attempt++) {
        const other = attempt < 4 ? nameRng.pick(places) : placeName(nameRng);
        name = independent ? independentSchoolName(nameRng, other, phase) : schoolName(nameRng, other, nameInput);
      }
      usedNames.add(name);
      const active = status === 'OPEN' || status === 'OPEN_PROPOSED_TO_CLOSE';
      schools.push({
        row: {
          urn: '',
          name,
          la_code: la.laCode,
          phase,
          type_group: typeGroup,
          status,
          statutory_low_age: lowAge,
          statutory_high_age: highAge,
          number_of_pupils: status === 'PROPOSED_TO_OPEN' || status === 'CLOSED' ? null : numberOfPupils,
          percentage_fsm: fsm,
          ofsted_rating: ofsted,
          trust_name: null,
          postcode: postcode(nameRng, profile.postcodeAreas),
        },
        la,
        region: la.regionCode,
        stateFunded: !independent,
        active,
        alternativeProvision: ap,
        remote: profile.rural && phase === 'PRIMARY' && numberOfPupils < 110,
        cold: false,
        engageable: active && !independent,
        servesEarlyYears: phase === 'NURSERY' || ((phase === 'PRIMARY' || phase === 'ALL_THROUGH') && lowAge <= 4),
        servesPrimary:
          phase === 'PRIMARY' ||
          phase === 'MIDDLE_DEEMED_PRIMARY' ||
          phase === 'MIDDLE_DEEMED_SECONDARY' ||
          phase === 'ALL_THROUGH' ||
          (phase === 'NOT_APPLICABLE' && !ap && lowAge <= 7),
        servesSecondary:
          phase === 'SECONDARY' ||
          phase === 'MIDDLE_DEEMED_SECONDARY' ||
          phase === 'ALL_THROUGH' ||
          phase === 'SIXTEEN_PLUS' ||
          (phase === 'NOT_APPLICABLE' && highAge >= 14),
      });
    }
  }
  assignTrusts(rng, nameRng, schools);
  assignUrns(rng, schools);
  return schools;
}

/** Academies and free schools join trusts of skewed sizes, each trust drawing on neighbouring schools of one region. */
function assignTrusts(rng: Random, nameRng: Random, schools: readonly School[]): void {
  const used = new Set<string>();
  const byRegion = new Map<RegionCode, School[]>();
  for (const s of schools) {
    if (s.row.type_group !== 'ACADEMY' && s.row.type_group !== 'FREE_SCHOOL') continue;
    const list = byRegion.get(s.region) ?? [];
    list.push(s);
    byRegion.set(s.region, list);
  }
  for (const academies of byRegion.values()) {
    // Shuffle within each LA but keep LAs together, so that trusts are mostly local.
    const ordered: School[] = [];
    let start = 0;
    while (start < academies.length) {
      let end = start;
      while (end < academies.length && academies[end].la === academies[start].la) end++;
      ordered.push(...rng.shuffle(academies.slice(start, end)));
      start = end;
    }
    let i = 0;
    while (i < ordered.length) {
      const size = rng.weighted([[1, 0.22], [rng.int(2, 5), 0.35], [rng.int(6, 15), 0.3], [rng.int(16, 40), 0.13]] as const);
      let name = trustName(nameRng, placeName(nameRng));
      for (let attempt = 0; used.has(name); attempt++) name = trustName(nameRng, placeName(nameRng)) + (attempt > 5 ? ` ${attempt}` : '');
      used.add(name);
      for (const s of ordered.slice(i, i + size)) if (rng.chance(0.95)) s.row.trust_name = name;
      i += size;
    }
  }
}

function assignUrns(rng: Random, schools: readonly School[]): void {
  const groups: ((s: School) => boolean)[] = [
    (s) => s.stateFunded && s.row.type_group !== 'ACADEMY' && s.row.type_group !== 'FREE_SCHOOL',
    (s) => s.row.type_group === 'ACADEMY' || s.row.type_group === 'FREE_SCHOOL',
    (s) => !s.stateFunded,
  ];
  let next = 100_000;
  for (const inGroup of groups) {
    for (const s of schools) {
      if (!inGroup(s)) continue;
      s.row.urn = String(next);
      next += rng.int(1, 4);
    }
    next = Math.ceil((next + 500) / 1000) * 1000;
  }
}
