import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader, singleLoader } from '@tdg/kit/loaders';
import { HubPartnership } from '../partnership/hub-partnership.entity.ts';
import { HubLocalAuthority, TeachingSchoolHub } from './hub.entity.ts';

/** Hubs by id, by LA and by region, and each hub's LAs and partnerships: one statement per loader per request. */
export const hubLoaders = (em: EntityManager) => ({
  hubById: singleLoader<string, TeachingSchoolHub>((ids) => em.find(TeachingSchoolHub, { id: { $in: [...ids] } }), (h) => h.id),

  /** LA codes each hub covers, ascending. */
  laCodesByHub: groupedLoader<string, HubLocalAuthority>(
    (ids) => em.find(HubLocalAuthority, { hub: { $in: [...ids] } }, { orderBy: { laCode: 'asc' } }),
    (l) => l.hub.id,
  ),

  /** Hubs whose area covers each LA, by hub id. */
  hubsByLa: groupedLoader<string, HubLocalAuthority>(
    (codes) => em.find(HubLocalAuthority, { laCode: { $in: [...codes] } }, { populate: ['hub'], orderBy: { hub: { id: 'asc' } } }),
    (l) => l.laCode,
  ),

  /** Hubs of each region, by hub id. */
  hubsByRegion: groupedLoader<string, TeachingSchoolHub>(
    (codes) => em.find(TeachingSchoolHub, { regionCode: { $in: [...codes] } }, { orderBy: { id: 'asc' } }),
    (h) => h.regionCode,
  ),

  /** Partnerships of each hub, by kind then partner id. */
  partnershipsByHub: groupedLoader<string, HubPartnership>(
    (ids) => em.find(HubPartnership, { hub: { $in: [...ids] } }, { orderBy: { partnerKind: 'asc', partnerId: 'asc' } }),
    (p) => p.hub.id,
  ),
});
