import type { LocalAuthorityReference, RegionReference } from '@tdg/kit/area';
import type { AccessFunctions } from '@tdg/kit/auth/access';
import { type Identity, organisationId } from '@tdg/kit/auth/identity';
import { assertCanWrite, assertWriterOfKind } from '@tdg/kit/auth/write-access';
import { type ColdSpotReportReference, regionOfColdSpotReport } from '@tdg/kit/cold-spot-report';
import { regionOfLa } from '@tdg/kit/reference';
import type { Context } from './context.ts';
import type { Programme } from './modules/programme/programme.entity.ts';
import type { SchoolReference } from './modules/school/school.ts';

/** The organisation owning a hub's records: `hub:<hub id>`. */
export const hubOrganisation = (hubId: string): string => organisationId('hub', hubId);

/**
 * Who may change a hub's records: its staff and administrators. `hubId` null (the record named does not exist, so its
 * hub is unknown): anonymous callers are UNAUTHENTICATED, and anyone but an administrator or a curriculum hub's staff
 * FORBIDDEN, before the input is looked at; the others then get BAD_USER_INPUT for the unknown record.
 */
export const assertCanWriteHub = (identity: Identity | null, hubId: string | null, what: string): Identity =>
  hubId === null ? assertWriterOfKind(identity, 'hub', what) : assertCanWrite(identity, hubOrganisation(hubId), what);

/** The region of a hub: the region of the first LA it covers (by code), from the public LA → region reference. */
export async function regionOfHub(hubId: string, ctx: Context): Promise<string | null> {
  const [first] = await ctx.loaders.laCodesByHub.load(hubId);
  return first ? regionOfLa(first.laCode) : null;
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
