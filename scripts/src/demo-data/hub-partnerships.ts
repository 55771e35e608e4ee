import type { CurriculumHub } from './curriculum-hubs.ts';
import type { Scitt } from './scitts.ts';
import type { HubPartnershipRow, TeachingSchoolHubRow } from './types.ts';

/**
 * Each Teaching School Hub partners: the SCITTs whose lead school is in one of its LAs (SCITT, scitt_id), the
 * curriculum hubs covering any of its LAs (CURRICULUM_HUB, hub_id) and each of its LAs (LOCAL_AUTHORITY, la_code).
 * No duplicate hub_id + partner_kind + partner_id.
 */
export function generateHubPartnerships(
  hubs: readonly TeachingSchoolHubRow[],
  scitts: readonly Scitt[],
  curriculumHubs: readonly CurriculumHub[],
): HubPartnershipRow[] {
  const rows: HubPartnershipRow[] = [];
  for (const hub of hubs) {
    const las = new Set(hub.la_codes);
    for (const s of scitts) if (las.has(s.leadLaCode)) rows.push({ hub_id: hub.hub_id, partner_kind: 'SCITT', partner_id: s.row.scitt_id });
    for (const c of curriculumHubs) {
      if (c.row.la_codes.some((code) => las.has(code))) rows.push({ hub_id: hub.hub_id, partner_kind: 'CURRICULUM_HUB', partner_id: c.row.hub_id });
    }
    for (const code of hub.la_codes) rows.push({ hub_id: hub.hub_id, partner_kind: 'LOCAL_AUTHORITY', partner_id: code });
  }
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.hub_id}|${r.partner_kind}|${r.partner_id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
