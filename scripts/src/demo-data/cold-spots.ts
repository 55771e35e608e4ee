import { laProfile } from './la-profiles.ts';
import { Random, STREAM } from './random.ts';
import type { School } from './schools.ts';

/** Share of open state-funded schools chosen as cold spots. */
export const COLD_SPOT_SHARE = 0.12;

/**
 * Picks the cold spots: about 12% of the OPEN state-funded schools, drawn with weights that favour high FSM, small rural
 * schools and coastal LAs (and disfavour secondaries, which rarely have no ECT for years). A cold spot is never given a
 * placement, ECT induction, NPQ enrolment, curriculum-hub participation, SCITT partnership or lead-school role;
 * LA records (networks, support episodes) may still name it.
 */
export function chooseColdSpots(seed: number, schools: readonly School[]): void {
  const rng = new Random(seed, STREAM.coldSpots);
  const candidates = schools.filter((s) => s.stateFunded && s.row.status === 'OPEN');
  const count = Math.round(candidates.length * COLD_SPOT_SHARE);
  const weight = (s: School) => {
    const fsm = s.row.percentage_fsm ?? 20;
    let w = ((fsm + 4) / 28) ** 1.8;
    if (s.remote) w *= 2.2;
    if (laProfile(s.la.laCode).coastal) w *= 1.8;
    if (s.row.phase === 'SECONDARY' || s.row.phase === 'ALL_THROUGH') w *= 0.3;
    const rating = s.row.ofsted_rating;
    if (rating !== null && rating !== 'OUTSTANDING' && rating !== 'GOOD' && rating !== 'NOT_INSPECTED') w *= 1.4;
    return w;
  };
  for (const s of rng.sampleWeighted(candidates, count, weight)) {
    s.cold = true;
    s.engageable = false;
  }
}
