import type { EntityManager } from '@mikro-orm/postgresql';
import { researchParticipationLoaders } from './modules/participation/research-participation.loaders.ts';
import { researchProgrammeLoaders } from './modules/programme/research-programme.loaders.ts';
import { researchSchoolLoaders } from './modules/research-school/research-school.loaders.ts';

/** This request's DataLoaders, over its own forked EntityManager. */
export const createLoaders = (em: EntityManager) => ({
  ...researchSchoolLoaders(em),
  ...researchProgrammeLoaders(em),
  ...researchParticipationLoaders(em),
});

export type Loaders = ReturnType<typeof createLoaders>;
