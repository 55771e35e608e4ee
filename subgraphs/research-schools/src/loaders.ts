import type { EntityManager } from '@mikro-orm/postgresql';
import { researchSchoolLoaders } from './modules/research-school/research-school.loaders.ts';

/** This request's DataLoaders, over its own forked EntityManager. */
export const createLoaders = (em: EntityManager) => ({
  ...researchSchoolLoaders(em),
});

export type Loaders = ReturnType<typeof createLoaders>;
