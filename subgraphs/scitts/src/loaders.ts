import type { EntityManager } from '@mikro-orm/postgresql';
import { areaLoaders } from './modules/area/area.loaders.ts';
import { cohortLoaders } from './modules/cohort/cohort.loaders.ts';
import { coldSpotLoaders } from './modules/cold-spots/cold-spots.loaders.ts';
import { partnerLoaders } from './modules/partner/partner.loaders.ts';
import { placementLoaders } from './modules/placement/placement.loaders.ts';
import { scittLoaders } from './modules/scitt/scitt.loaders.ts';
import { traineeLoaders } from './modules/trainee/trainee.loaders.ts';

/** This request's DataLoaders, over its own forked EntityManager. */
export const createLoaders = (em: EntityManager) => ({
  ...scittLoaders(em),
  ...partnerLoaders(em),
  ...traineeLoaders(em),
  ...placementLoaders(em),
  ...cohortLoaders(em),
  ...areaLoaders(em),
  ...coldSpotLoaders(em),
});

export type Loaders = ReturnType<typeof createLoaders>;
