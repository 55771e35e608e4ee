import type { EntityManager } from '@mikro-orm/postgresql';
import { areaLoaders } from './modules/area/area.loaders.ts';
import { coldSpotLoaders } from './modules/cold-spots/cold-spots.loaders.ts';
import { hubLoaders } from './modules/hub/hub.loaders.ts';
import { inductionLoaders } from './modules/induction/induction.loaders.ts';
import { npqLoaders } from './modules/npq/npq.loaders.ts';
import { scittCohortLoaders } from './modules/scitt-cohort/scitt-cohort.loaders.ts';
import { teacherLoaders } from './modules/teacher/teacher.loaders.ts';

/** This request's DataLoaders, over its own forked EntityManager. */
export const createLoaders = (em: EntityManager) => ({
  ...hubLoaders(em),
  ...inductionLoaders(em),
  ...npqLoaders(em),
  ...teacherLoaders(em),
  ...areaLoaders(em),
  ...scittCohortLoaders(em),
  ...coldSpotLoaders(em),
});

export type Loaders = ReturnType<typeof createLoaders>;
