import type { Resolvers } from '../../generated/resolvers-types.ts';

export const scittCohortResolvers: Resolvers = {
  ScittCohort: {
    __resolveReference: (ref) => ref,
    /** Places each induction school against the SCITT's lead-school LA, its region and its partnership. */
    localRetention: async (cohort, _, { loaders }) => {
      const urns = cohort.inductionSchoolUrns ?? [];
      const partners = new Set(cohort.partnerSchoolUrns ?? []);
      const [lead, ...schools] = await Promise.all([
        cohort.leadSchoolUrn ? loaders.schoolByUrn.load(cohort.leadSchoolUrn) : null,
        ...urns.map((urn) => loaders.schoolByUrn.load(urn)),
      ]);
      const las = await Promise.all(schools.map((s) => (s ? loaders.laByCode.load(s.localAuthority.code) : null)));
      const leadLa = lead?.localAuthority.code ?? null;
      const result = { inSameLocalAuthority: 0, inSameRegion: 0, inPartnerSchool: 0, inUnknownSchool: 0 };
      urns.forEach((urn, i) => {
        if (partners.has(urn)) result.inPartnerSchool += 1;
        const school = schools[i];
        if (!school) {
          result.inUnknownSchool += 1;
          return;
        }
        if (leadLa !== null && school.localAuthority.code === leadLa) result.inSameLocalAuthority += 1;
        if (las[i]?.region.code === cohort.regionCode) result.inSameRegion += 1;
      });
      return result;
    },
  },
};
