import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader, singleLoader } from '@tdg/kit/loaders';
import { LocalAuthority } from './local-authority.entity.ts';

/** Local authorities by code and by region, one statement per loader per request. */
export const localAuthorityLoaders = (em: EntityManager) => ({
  laByCode: singleLoader<string, LocalAuthority>(
    (codes) => em.find(LocalAuthority, { code: { $in: [...codes] } }),
    (la) => la.code,
  ),
  lasByRegion: groupedLoader<string, LocalAuthority>(
    (regions) => em.find(LocalAuthority, { region: { $in: [...regions] } }, { orderBy: { code: 'asc' } }),
    (la) => la.region.code,
  ),
});
