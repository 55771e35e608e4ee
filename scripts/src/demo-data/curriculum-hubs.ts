import { apportion } from './apportion.ts';
import { shortLaName } from './la-profiles.ts';
import { Random, STREAM } from './random.ts';
import type { LocalAuthorityRef } from './reference.ts';
import type { School } from './schools.ts';
import type { SizeConfig } from './sizes.ts';
import { type CurriculumHubKind, type CurriculumHubRow, REGION_CODES, type RegionCode } from './types.ts';
import { engageableIn, type World } from './world.ts';

/** Hubs of each kind at national size (Languages: one per region, so that every region has every kind). */
const NATIONAL_HUBS: Record<CurriculumHubKind, number> = { MATHS: 40, ENGLISH: 34, COMPUTING: 34, SCIENCE: 40, MUSIC: 43, LANGUAGES: 9 };

/** The Science Learning Partnership every size includes. */
export const STELLAR = {
  hubId: 'SLP-STELLAR',
  name: 'STELLAR Science Learning Partnership',
  region: 'E' as RegionCode,
  laCodes: ['855', '856', '857'],
  leadLaCode: '855',
} as const;

/** Names for hubs covering several LAs: first the region's own landscape, then people and ideas. */
const REGION_AREA_NAMES: Record<RegionCode, readonly string[]> = {
  A: ['Great North', 'Tees Valley', 'Tyne and Wear', 'Cheviot', 'Wear Valley'],
  B: ['Pennine', 'Lakes', 'Mersey', 'Red Rose', 'Ribble Valley'],
  D: ['White Rose', 'Humber', 'Ridings', 'Dales', 'Wolds'],
  E: ['Peak', 'Trent', 'Sherwood', 'Nene Valley', 'Lincoln Edge'],
  F: ['Mercia', 'Marches', 'Severn', 'Black Country', 'Arden'],
  G: ['Anglia', 'Fenland', 'Broads', 'Stour Valley', 'Essex Coast'],
  H: ['Thames', 'Lea Valley', 'Wandle', 'Thames Gateway', 'Brent Valley'],
  J: ['Solent', 'Weald', 'Downs', 'Thames Valley', 'Chiltern'],
  K: ['Wessex', 'Cotswold', 'Jurassic', 'Exmoor', 'Mendip'],
};
const AREA_NAMES = [
  'Boolean', 'Archimedes', 'Enigma', 'Matrix', 'Origin', 'Equals', 'Trinity', 'Fibonacci', 'Pythagoras', 'Euclid',
  'Lovelace', 'Turing', 'Noether', 'Napier', 'Hypatia', 'Babbage', 'Newton', 'Faraday', 'Darwin', 'Franklin', 'Hooke',
  'Herschel', 'Somerville', 'Curie', 'Elgar', 'Holst', 'Britten', 'Purcell', 'Tallis', 'Byrd', 'Delius', 'Bronte',
  'Austen', 'Dickens', 'Chaucer', 'Wordsworth', 'Keats', 'Hardy', 'Eliot', 'Gaskell', 'Shelley', 'Blake', 'Milton',
  'Tennyson', 'Meridian', 'Horizon', 'Keystone', 'Beacon', 'Compass', 'Lighthouse', 'Northern Lights', 'Heartlands',
  'Gateway', 'Crossroads', 'Kingfisher', 'Skylark', 'Polaris', 'Aurora', 'Spectrum', 'Prism', 'Quantum', 'Catalyst',
];

const KIND_ID: Record<CurriculumHubKind, string> = {
  MATHS: 'MATHS',
  ENGLISH: 'ENGLISH',
  COMPUTING: 'COMPUTING',
  SCIENCE: 'SCIENCE',
  MUSIC: 'MUSIC',
  LANGUAGES: 'LANGUAGES',
};

export interface CurriculumHub {
  row: CurriculumHubRow;
  las: LocalAuthorityRef[];
}

/** Splits LAs (in code order) into k contiguous groups of about equal school numbers. */
function partition(las: readonly LocalAuthorityRef[], k: number, weight: (la: LocalAuthorityRef) => number): LocalAuthorityRef[][] {
  const n = Math.min(k, las.length);
  const total = las.reduce((a, la) => a + weight(la), 0);
  const groups: LocalAuthorityRef[][] = [];
  let current: LocalAuthorityRef[] = [];
  let acc = 0;
  las.forEach((la, i) => {
    current.push(la);
    acc += weight(la);
    const groupsLeft = n - groups.length - 1;
    const lasLeft = las.length - i - 1;
    if (groupsLeft > 0 && (lasLeft === groupsLeft || acc >= (total * (groups.length + 1)) / n)) {
      groups.push(current);
      current = [];
    }
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

function leadFor(rng: Random, world: World, kind: CurriculumHubKind, las: readonly LocalAuthorityRef[]): School | null {
  if (kind === 'MUSIC' && rng.chance(0.6)) return null; // most music hubs are led by the LA's music service
  const wantPrimary = kind === 'ENGLISH' || (kind === 'MATHS' && rng.chance(0.4));
  const ordered = [...las].sort((a, b) => engageableIn(world, b.laCode).length - engageableIn(world, a.laCode).length);
  for (const la of ordered) {
    const pool = engageableIn(world, la.laCode);
    const fit = pool.filter((s) => (wantPrimary ? s.row.phase === 'PRIMARY' : s.row.phase === 'SECONDARY'));
    if (fit.length > 0) return rng.pick(fit);
    if (pool.length > 0) return rng.pick(pool);
  }
  return null;
}

function hubName(kind: CurriculumHubKind, label: string, lead: School | null): string {
  switch (kind) {
    case 'MATHS':
      return `${label} Maths Hub`;
    case 'ENGLISH':
      return lead ? `${lead.row.name} English Hub` : `${label} English Hub`;
    case 'COMPUTING':
      return `Computing Hub ${label}`;
    case 'SCIENCE':
      return `${label} Science Learning Partnership`;
    case 'MUSIC':
      return `${label} Music Hub`;
    case 'LANGUAGES':
      return `${label} Languages Hub`;
  }
}

/**
 * Curriculum hubs of every kind. At national size about 40 Maths, 34 English, 34 Computing, 40 Science, 43 Music and
 * 9 Languages hubs; smaller sizes scale down but keep at least one hub of every kind in every region. In each region
 * the hubs of one kind split its LAs (in code order) into contiguous groups, so every LA is covered once by every kind.
 * Always includes STELLAR (SLP-STELLAR: 855, 856, 857; lead school in 855). hub_id: `<KIND>-<region>-<nn>`.
 */
export function generateCurriculumHubs(world: World, size: SizeConfig): CurriculumHub[] {
  const rng = new Random(world.seed, STREAM.curriculumHubs);
  const hubs: CurriculumHub[] = [];
  const names = new Set<string>();
  const areaNames = rng.shuffle(AREA_NAMES);
  const usedLabels = new Set<string>();
  const weightOf = (la: LocalAuthorityRef) => engageableIn(world, la.laCode).length + 1;
  const regionLas = new Map<RegionCode, LocalAuthorityRef[]>(
    REGION_CODES.map((r) => [r, world.las.filter((la) => la.regionCode === r).sort((a, b) => a.laCode.localeCompare(b.laCode))]),
  );
  const regionWeights = new Map<RegionCode, number>(REGION_CODES.map((r) => [r, world.engageableByRegion.get(r)?.length ?? 0]));
  for (const kind of Object.keys(NATIONAL_HUBS) as CurriculumHubKind[]) {
    const total = Math.max(REGION_CODES.length, Math.round(NATIONAL_HUBS[kind] * size.scale));
    const perRegion = apportion(total, regionWeights, 1);
    for (const region of REGION_CODES) {
      let las = regionLas.get(region) ?? [];
      let k = perRegion.get(region) ?? 1;
      if (kind === 'SCIENCE' && region === STELLAR.region) {
        const laRefs = STELLAR.laCodes.map((c) => world.laByCode.get(c)).filter((la): la is LocalAuthorityRef => la !== undefined);
        const inLead = engageableIn(world, STELLAR.leadLaCode);
        const secondaries = inLead.filter((s) => s.row.phase === 'SECONDARY');
        const pool = secondaries.length > 0 ? secondaries : inLead;
        const lead = pool.length > 0 ? rng.pick(pool) : undefined;
        names.add(STELLAR.name);
        hubs.push({
          row: { hub_id: STELLAR.hubId, name: STELLAR.name, kind, lead_school_urn: lead?.row.urn ?? null, la_codes: [...STELLAR.laCodes] },
          las: laRefs,
        });
        las = las.filter((la) => !(STELLAR.laCodes as readonly string[]).includes(la.laCode));
        k = Math.max(1, k - 1);
      }
      partition(las, k, weightOf).forEach((group, i) => {
        let label: string;
        if (group.length === regionLas.get(region)?.length) label = group[0].regionName;
        else if (group.length === 1) label = shortLaName(group[0].name);
        else if (group.length === 2) label = `${shortLaName(group[0].name)} and ${shortLaName(group[1].name)}`;
        else {
          const local = REGION_AREA_NAMES[region].filter((n) => !usedLabels.has(`${kind}|${n}`));
          label = local.length > 0 ? rng.pick(local) : (areaNames.pop() ?? `${region} ${i + 1}`);
          usedLabels.add(`${kind}|${label}`);
        }
        const lead = leadFor(rng, world, kind, group);
        let name = hubName(kind, label, lead);
        for (let n = 2; names.has(name); n++) name = `${hubName(kind, label, lead)} ${n}`;
        names.add(name);
        hubs.push({
          row: {
            hub_id: `${KIND_ID[kind]}-${region}-${String(i + 1).padStart(2, '0')}`,
            name,
            kind,
            lead_school_urn: lead?.row.urn ?? null,
            la_codes: group.map((la) => la.laCode),
          },
          las: group,
        });
      });
    }
  }
  return hubs;
}
