import { Random, STREAM } from './random.ts';
import type { HubAreaRef } from './reference.ts';
import type { School } from './schools.ts';
import type { TeachingSchoolHubRow } from './types.ts';
import { engageableIn, type World } from './world.ts';

export interface TeachingSchoolHubs {
  rows: TeachingSchoolHubRow[];
  /** Each school's usual hub (its appropriate body): one of the hubs covering its LA, fixed per school. */
  homeHub: Map<string, string>;
  /** Hubs covering each LA, by hub id. */
  hubIdsByLa: Map<string, string[]>;
}

/** What kind of school the published lead-school name suggests. */
function leadKind(area: HubAreaRef): (s: School) => boolean {
  const name = area.leadSchoolName;
  if (/Primary|Junior|Infant|First/.test(name)) return (s) => s.row.phase === 'PRIMARY';
  if (/Special/.test(name)) return (s) => s.row.phase === 'NOT_APPLICABLE' && !s.alternativeProvision;
  return (s) => s.row.phase === 'SECONDARY' || s.row.phase === 'ALL_THROUGH';
}

/**
 * All 87 hubs of the reference, with a generated lead school (an open state-funded school, not a cold spot, in the
 * hub's first LA where possible, of the phase its published lead school suggests) and every school's home hub.
 */
export function generateTeachingSchoolHubs(world: World): TeachingSchoolHubs {
  const rng = new Random(world.seed, STREAM.teachingSchoolHubs);
  const leads = new Set<string>();
  const rows: TeachingSchoolHubRow[] = world.hubAreas.map((area) => {
    const fits = leadKind(area);
    let lead: School | undefined;
    for (const code of area.laCodes) {
      const free = engageableIn(world, code).filter((s) => !leads.has(s.row.urn));
      const candidates = free.filter(fits);
      lead = candidates.length > 0 ? rng.pick(candidates) : free.length > 0 ? rng.pick(free) : undefined;
      if (lead) break;
    }
    if (lead) leads.add(lead.row.urn);
    return {
      hub_id: area.areaCode,
      name: area.hubName,
      lead_school_urn: lead?.row.urn ?? null,
      region_code: area.regionCode,
      la_codes: [...area.laCodes],
    };
  });
  const hubIdsByLa = new Map<string, string[]>();
  for (const [code, areas] of world.hubAreasByLa) hubIdsByLa.set(code, areas.map((a) => a.areaCode));
  const homeHub = new Map<string, string>();
  for (const s of world.schools) {
    const hubs = hubIdsByLa.get(s.la.laCode) ?? [];
    if (hubs.length > 0) homeHub.set(s.row.urn, rng.pick(hubs));
  }
  return { rows, homeHub, hubIdsByLa };
}
