import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader, singleLoader } from '@tdg/kit/loaders';
import { Scitt } from './scitt.entity.ts';

/** SCITTs by id and by region, one statement per loader per request. */
export const scittLoaders = (em: EntityManager) => ({
  scittById: singleLoader<string, Scitt>((ids) => em.find(Scitt, { id: { $in: [...ids] } }), (s) => s.id),
  scittsByRegion: groupedLoader<string, Scitt>(
    (codes) => em.find(Scitt, { regionCode: { $in: [...codes] } }, { orderBy: { id: 'asc' } }),
    (s) => s.regionCode,
  ),
});
