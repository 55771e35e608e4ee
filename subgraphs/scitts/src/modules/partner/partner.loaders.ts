import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader } from '@tdg/kit/loaders';
import { ScittPartnerSchool } from './partner-school.entity.ts';

/** Partner-school links by SCITT and by school URN, one statement per loader per request. */
export const partnerLoaders = (em: EntityManager) => ({
  /** A SCITT's partner schools, ordered by URN. */
  partnersByScitt: groupedLoader<string, ScittPartnerSchool>(
    (ids) => em.find(ScittPartnerSchool, { scitt: { $in: [...ids] } }, { orderBy: { urn: 'asc' } }),
    (link) => link.scitt.id,
  ),
  /** The SCITTs a school is a partner of (populated), ordered by SCITT id. */
  partnershipsByUrn: groupedLoader<string, ScittPartnerSchool>(
    (urns) => em.find(ScittPartnerSchool, { urn: { $in: [...urns] } }, { populate: ['scitt'], orderBy: { scitt: { id: 'asc' } } }),
    (link) => link.urn,
  ),
});
