import { Random, STREAM } from './random.ts';
import type { HubAreaRef, LocalAuthorityRef } from './reference.ts';
import type { School } from './schools.ts';
import type { RegionCode } from './types.ts';

/** Teacher reference numbers: 7 digits, unique across the whole dataset (one per person). */
export class TrnAllocator {
  readonly #rng: Random;
  readonly #used = new Set<string>();

  constructor(seed: number) {
    this.#rng = new Random(seed, STREAM.trns);
  }

  next(): string {
    for (;;) {
      const trn = String(this.#rng.int(1_000_000, 9_999_999));
      if (!this.#used.has(trn)) {
        this.#used.add(trn);
        return trn;
      }
    }
  }
}

/** Everything the per-organisation generators share: the LAs, hub areas and schools, indexed. */
export interface World {
  seed: number;
  las: readonly LocalAuthorityRef[];
  laByCode: Map<string, LocalAuthorityRef>;
  hubAreas: readonly HubAreaRef[];
  /** Hub areas covering each LA. */
  hubAreasByLa: Map<string, HubAreaRef[]>;
  /** LAs sharing a Teaching School Hub area with each LA (its neighbours), nearest-first by code otherwise. */
  neighbours: Map<string, string[]>;
  schools: readonly School[];
  schoolByUrn: Map<string, School>;
  schoolsByLa: Map<string, School[]>;
  /** Open state-funded schools that are not cold spots, per LA / region. */
  engageableByLa: Map<string, School[]>;
  engageableByRegion: Map<RegionCode, School[]>;
  trns: TrnAllocator;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function buildWorld(seed: number, las: readonly LocalAuthorityRef[], hubAreas: readonly HubAreaRef[], schools: readonly School[]): World {
  const hubAreasByLa = new Map<string, HubAreaRef[]>();
  for (const area of hubAreas) for (const code of area.laCodes) push(hubAreasByLa, code, area);
  const neighbours = new Map<string, string[]>();
  for (const la of las) {
    const set = new Set<string>();
    for (const area of hubAreasByLa.get(la.laCode) ?? []) for (const code of area.laCodes) if (code !== la.laCode) set.add(code);
    neighbours.set(la.laCode, [...set].sort());
  }
  const schoolsByLa = new Map<string, School[]>();
  const engageableByLa = new Map<string, School[]>();
  const engageableByRegion = new Map<RegionCode, School[]>();
  for (const s of schools) {
    push(schoolsByLa, s.la.laCode, s);
    if (s.engageable) {
      push(engageableByLa, s.la.laCode, s);
      push(engageableByRegion, s.region, s);
    }
  }
  return {
    seed,
    las,
    laByCode: new Map(las.map((la) => [la.laCode, la])),
    hubAreas,
    hubAreasByLa,
    neighbours,
    schools,
    schoolByUrn: new Map(schools.map((s) => [s.row.urn, s])),
    schoolsByLa,
    engageableByLa,
    engageableByRegion,
    trns: new TrnAllocator(seed),
  };
}

export const engageableIn = (world: World, laCode: string): School[] => world.engageableByLa.get(laCode) ?? [];
