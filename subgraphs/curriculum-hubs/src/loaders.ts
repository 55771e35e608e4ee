import type { EntityManager } from '@mikro-orm/postgresql';
import { hubLoaders } from './modules/hub/hub.loaders.ts';
import { participationLoaders } from './modules/participation/participation.loaders.ts';
import { programmeLoaders } from './modules/programme/programme.loaders.ts';

/** This request's DataLoaders, over its own forked EntityManager. */
export const createLoaders = (em: EntityManager) => ({
  ...hubLoaders(em),
  ...programmeLoaders(em),
  ...participationLoaders(em),
});

export type Loaders = ReturnType<typeof createLoaders>;
