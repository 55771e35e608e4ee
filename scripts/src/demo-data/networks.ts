import { laProfile, shortLaName } from './la-profiles.ts';
import { Random, STREAM } from './random.ts';
import type { School } from './schools.ts';
import type { NetworkKind, NetworkMemberRow, NetworkRow } from './types.ts';
import type { World } from './world.ts';

const AREAS = ['North', 'South', 'East', 'West', 'Central', 'North East', 'North West', 'South East', 'South West', 'Rural', 'Town', 'Valley'];
const SUBJECTS = ['Mathematics', 'English', 'Science', 'Computing', 'History', 'Geography', 'Music', 'PE', 'RE', 'Modern Languages'];

/**
 * Each LA's learning networks and their members (open state-funded schools of the LA, cold spots included):
 * primary learning networks (one per ~30 primary-phase schools, each such school in one of them with 85% chance),
 * 2–6 subject-leader networks (35% of schools each), a SENCO network (65%), a CPD leaders network (40%), a
 * support-staff network (30%; large LAs also a school business managers network), and in 70% of LAs with mean FSM ≥ 28
 * (15% of others) an education action zone of 6–15 of its highest-FSM schools. network_id `NET-<la>-<nn>`.
 */
export function generateNetworks(world: World): { networks: NetworkRow[]; members: NetworkMemberRow[] } {
  const rng = new Random(world.seed, STREAM.networks);
  const networks: NetworkRow[] = [];
  const members: NetworkMemberRow[] = [];
  for (const la of world.las) {
    const schools = (world.schoolsByLa.get(la.laCode) ?? []).filter((s) => s.stateFunded && s.active);
    const short = shortLaName(la.name);
    let seq = 0;
    const add = (name: string, kind: NetworkKind, memberSchools: readonly School[]) => {
      const id = `NET-${la.laCode}-${String(++seq).padStart(2, '0')}`;
      networks.push({ network_id: id, la_code: la.laCode, name, kind });
      for (const s of memberSchools) members.push({ network_id: id, urn: s.row.urn });
    };
    const primaries = rng.shuffle(schools.filter((s) => s.servesPrimary && s.row.phase !== 'NOT_APPLICABLE'));
    const plns = Math.max(1, Math.round(primaries.length / 30));
    const areas = rng.shuffle(AREAS);
    for (let i = 0; i < plns; i++) {
      const area = plns === 1 ? '' : i < areas.length ? ` ${areas[i]}` : ` ${i + 1}`;
      add(`${short}${area} Primary Learning Network`, 'PRIMARY_LEARNING_NETWORK', primaries.filter((_, j) => j % plns === i && rng.chance(0.85)));
    }
    for (const subject of rng.sample(SUBJECTS, Math.min(6, Math.max(2, Math.round(schools.length / 40))))) {
      add(`${short} ${subject} Subject Leaders Network`, 'SUBJECT_LEADER', schools.filter(() => rng.chance(0.35)));
    }
    add(`${short} SENCO Network`, 'SENCO', schools.filter(() => rng.chance(0.65)));
    add(`${short} CPD Leaders Network`, 'CPD_LEADERS', schools.filter(() => rng.chance(0.4)));
    add(`${short} Teaching Assistants Network`, 'SUPPORT_STAFF', schools.filter(() => rng.chance(0.3)));
    if (schools.length > 150) add(`${short} School Business Managers Network`, 'SUPPORT_STAFF', schools.filter(() => rng.chance(0.3)));
    if (rng.chance(laProfile(la.laCode).fsm >= 28 ? 0.7 : 0.15) && schools.length >= 3) {
      const byNeed = [...schools].sort((a, b) => (b.row.percentage_fsm ?? 0) - (a.row.percentage_fsm ?? 0));
      const top = byNeed.slice(0, Math.max(3, Math.ceil(byNeed.length * 0.3)));
      add(`${short} ${rng.pick(areas)} Education Action Zone`, 'EDUCATION_ACTION_ZONE', rng.sample(top, rng.int(6, 15)));
    }
  }
  return { networks, members };
}
