import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader, singleLoader } from '@tdg/kit/loaders';
import { CurriculumHub, CurriculumHubLocalAuthority } from './curriculum-hub.entity.ts';

/** Hubs by id, the LAs each covers and the hubs covering each LA: one statement per loader per request. */
export const hubLoaders = (em: EntityManager) => ({
  hubById: singleLoader<string, CurriculumHub>((ids) => em.find(CurriculumHub, { id: { $in: [...ids] } }), (h) => h.id),
  /** LA codes covered, per hub, ascending. */
  laCodesByHub: groupedLoader<string, CurriculumHubLocalAuthority>(
    (ids) => em.find(CurriculumHubLocalAuthority, { hub: { $in: [...ids] } }, { orderBy: { laCode: 'asc' } }),
    (c) => c.hub.id,
  ),
  /** Hubs covering each LA, ordered by hub id. */
  hubsByLa: groupedLoader<string, CurriculumHubLocalAuthority>(
    (codes) => em.find(CurriculumHubLocalAuthority, { laCode: { $in: [...codes] } }, { populate: ['hub'], orderBy: { hub: { id: 'asc' } } }),
    (c) => c.laCode,
  ),
});
