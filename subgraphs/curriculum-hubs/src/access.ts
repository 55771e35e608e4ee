import type { AccessFunctions } from '@tdg/kit/auth/access';
import { organisationId } from '@tdg/kit/auth/identity';
import { regionOfLa } from '@tdg/kit/reference';
import type { Context } from './context.ts';
import type { LocalAuthorityReference, RegionReference } from './modules/area/area.ts';
import type { ColdSpotReportReference } from './modules/cold-spots/cold-spot-report.ts';
import type { Programme } from './modules/programme/programme.entity.ts';
import type { SchoolReference } from './modules/school/school.ts';

/** The organisation owning a hub's records: `hub:<hub id>`. */
export const hubOrganisation = (hubId: string): string => organisationId('hub', hubId);

/** The region of a hub: the region of the first LA it covers (by code), from the public LA → region reference. */
export async function regionOfHub(hubId: string, ctx: Context): Promise<string | null> {
  const [first] = await ctx.loaders.laCodesByHub.load(hubId);
  return first ? regionOfLa(first.laCode) : null;
}

/** The region of a cold-spot report from its id: `la:808:2021:2024` → the LA's region, `region:E:2021:2024` → `E`. */
export function regionOfColdSpotReport(id: string): string | null {
  const [scope, code] = id.split(':');
  if (scope === 'la' && code) return regionOfLa(code);
  if (scope === 'region' && code) return code;
  return null;
}

/**
 * The region functions the SDL's `@access` directives name (schema/curriculum-hubs.graphql): programme figures are
 * those of the hub's region, school and area figures those of the school's or area's region. Curriculum hubs hold no
 * personal records, so no owner function is needed (the audit log filters itself by organisation).
 */
export const access: AccessFunctions<Context> = {
  regions: {
    programmeRegion: (programme: Programme, ctx) => regionOfHub(programme.hub.id, ctx),
    /** The school's region as the local-authorities subgraph hands it in (`@requires(fields: "regionCode")`). */
    schoolRegion: (school: SchoolReference) => school.regionCode ?? null,
    localAuthorityRegion: (la: LocalAuthorityReference) => regionOfLa(la.code),
    regionCode: (region: RegionReference) => region.code,
    coldSpotReportRegion: (report: ColdSpotReportReference) => regionOfColdSpotReport(report.id),
  },
};
