import type { EntityManager } from '@mikro-orm/postgresql';
import { singleLoader } from '@tdg/kit/loaders';
import { Region } from './region.entity.ts';

/** Regions by code, one statement per request. */
export const regionLoaders = (em: EntityManager) => ({
  regionByCode: singleLoader<string, Region>((codes) => em.find(Region, { code: { $in: [...codes] } }), (r) => r.code),
});
