import type { EntityManager } from '@mikro-orm/postgresql';
import { localAuthorityLoaders } from './modules/local-authority/local-authority.loaders.ts';
import { networkLoaders } from './modules/network/network.loaders.ts';
import { regionLoaders } from './modules/region/region.loaders.ts';
import { schoolLoaders } from './modules/school/school.loaders.ts';
import { supportLoaders } from './modules/support/support.loaders.ts';

/** This request's DataLoaders, over its own forked EntityManager. */
export const createLoaders = (em: EntityManager) => ({
  ...regionLoaders(em),
  ...localAuthorityLoaders(em),
  ...schoolLoaders(em),
  ...supportLoaders(em),
  ...networkLoaders(em),
});

export type Loaders = ReturnType<typeof createLoaders>;
