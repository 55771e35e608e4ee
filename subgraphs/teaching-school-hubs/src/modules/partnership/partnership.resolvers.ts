import type { Resolvers } from '../../generated/resolvers-types.ts';

export const partnershipResolvers: Resolvers = {
  HubPartnership: {
    hub: async (p, _, { loaders }) => (await loaders.hubById.load(p.hub.id))!,
    scitt: (p) => (p.partnerKind === 'SCITT' ? { id: p.partnerId } : null),
    curriculumHub: (p) => (p.partnerKind === 'CURRICULUM_HUB' ? { id: p.partnerId } : null),
    localAuthority: (p) => (p.partnerKind === 'LOCAL_AUTHORITY' ? { code: p.partnerId } : null),
  },
};
