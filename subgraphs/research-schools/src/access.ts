import type { LocalAuthorityReference, RegionReference } from '@tdg/kit/area';
import type { AccessFunctions } from '@tdg/kit/auth/access';
import { regionOfLa } from '@tdg/kit/reference';
import type { Context } from './context.ts';
import type { ResearchProgramme } from './modules/programme/research-programme.entity.ts';
import type { SchoolReference } from './modules/school/school.ts';

/** The region of a research school: its LA's, from the public LA → region reference. */
async function regionOfResearchSchool(id: string, ctx: Context): Promise<string | null> {
  const school = await ctx.loaders.researchSchoolById.load(id);
  return school ? regionOfLa(school.laCode) : null;
}

/**
 * The region functions the SDL's `@access` directives name (schema/research-schools.graphql): programme figures are
 * those of the research school's region, school and area figures those of the school's or area's region. Research
 * schools hold no personal records (participations count teachers, never name them), so no owner function is needed.
 */
export const access: AccessFunctions<Context> = {
  regions: {
    researchProgrammeRegion: (programme: ResearchProgramme, ctx) => regionOfResearchSchool(programme.researchSchool.id, ctx),
    /** The school's region as the local-authorities subgraph hands it in (`@requires(fields: "regionCode")`). */
    schoolRegion: (school: SchoolReference) => school.regionCode ?? null,
    localAuthorityRegion: (la: LocalAuthorityReference) => regionOfLa(la.code),
    regionCode: (region: RegionReference) => region.code,
  },
};
