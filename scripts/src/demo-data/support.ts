import { addDays, dateBetween } from './dates.ts';
import { Random, STREAM } from './random.ts';
import type { School } from './schools.ts';
import { DATA_AS_OF } from './sizes.ts';
import type { SupportCategory, SupportEpisodeRow, SupportType } from './types.ts';
import type { World } from './world.ts';

const SUPPORT_FROM = '2021-09-01';

function category(rng: Random, s: School): SupportCategory | null {
  switch (s.row.ofsted_rating) {
    case 'REQUIRES_IMPROVEMENT':
      return rng.chance(0.7) ? 'REQUIRES_IMPROVEMENT' : null;
    case 'SERIOUS_WEAKNESSES':
    case 'SPECIAL_MEASURES':
    case 'INADEQUATE':
      return rng.chance(0.85) ? 'SERIOUS_WEAKNESSES' : null;
    case 'GOOD':
      return rng.chance(0.03) ? (rng.chance(0.6) ? 'COASTING' : 'LEADERSHIP_CAPACITY') : null;
    case 'OUTSTANDING':
      return rng.chance(0.005) ? 'LEADERSHIP_CAPACITY' : null;
    default:
      return null;
  }
}

function supportType(rng: Random, c: SupportCategory): SupportType {
  if (c === 'SERIOUS_WEAKNESSES') {
    return rng.weighted([['NLE', 25], ['LLE', 10], ['SLE', 10], ['LA_ADVISER', 25], ['CONSULTANT_HEAD', 20], ['SCHOOL_TWINNING', 10]] as const);
  }
  return rng.weighted([['NLE', 10], ['LLE', 16], ['SLE', 22], ['LA_ADVISER', 30], ['CONSULTANT_HEAD', 10], ['SCHOOL_TWINNING', 12]] as const);
}

/**
 * LA-brokered school-to-school support. Open state-funded schools (cold spots included: LA support is not hub, SCITT or
 * TSH engagement) get an episode by rating: REQUIRES_IMPROVEMENT 70% (category REQUIRES_IMPROVEMENT),
 * SERIOUS_WEAKNESSES / SPECIAL_MEASURES / INADEQUATE 85% (category SERIOUS_WEAKNESSES), GOOD 3% (COASTING or
 * LEADERSHIP_CAPACITY), OUTSTANDING 0.5% (LEADERSHIP_CAPACITY); a quarter of those get a second, later episode.
 * supporting_urn: an OUTSTANDING (NLE, consultant head: preferably) or GOOD open state-funded school of the same LA,
 * empty for 70% of LA_ADVISER episodes (an LA with no such school uses its adviser). started_on 2021-09-01 … DATA_AS_OF; ended_on 3–18 months later, empty when
 * that is after DATA_AS_OF (ongoing). episode_id `SE-<la>-<nnnn>`.
 */
export function generateSupportEpisodes(world: World): SupportEpisodeRow[] {
  const rng = new Random(world.seed, STREAM.support);
  const rows: SupportEpisodeRow[] = [];
  for (const la of world.las) {
    const schools = (world.schoolsByLa.get(la.laCode) ?? []).filter((s) => s.stateFunded && s.active);
    const outstanding = schools.filter((s) => s.row.ofsted_rating === 'OUTSTANDING');
    const good = schools.filter((s) => s.row.ofsted_rating === 'GOOD');
    let seq = 0;
    for (const s of schools) {
      const c = category(rng, s);
      if (!c) continue;
      let start = dateBetween(rng, SUPPORT_FROM, DATA_AS_OF);
      const episodes = rng.chance(0.25) ? 2 : 1;
      for (let e = 0; e < episodes && start <= DATA_AS_OF; e++) {
        let type = supportType(rng, c);
        const preferOutstanding = type === 'NLE' || type === 'CONSULTANT_HEAD' || rng.chance(0.4);
        let pool = (preferOutstanding ? outstanding : []).filter((x) => x !== s);
        if (pool.length === 0) pool = [...outstanding, ...good].filter((x) => x !== s);
        if (pool.length === 0) type = 'LA_ADVISER';
        const supporting = pool.length === 0 || (type === 'LA_ADVISER' && rng.chance(0.7)) ? null : rng.pick(pool);
        const end = addDays(start, rng.int(90, 540));
        rows.push({
          episode_id: `SE-${la.laCode}-${String(++seq).padStart(4, '0')}`,
          supported_urn: s.row.urn,
          supporting_urn: supporting?.row.urn ?? null,
          support_type: type,
          category: c,
          started_on: start,
          ended_on: end > DATA_AS_OF ? null : end,
        });
        if (end > DATA_AS_OF) break;
        start = addDays(end, rng.int(10, 120));
      }
    }
  }
  return rows;
}
