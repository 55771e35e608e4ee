import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader } from '@tdg/kit/loaders';
import { Network, NetworkMember } from './network.entity.ts';

/** Networks by school and by LA, members by network: one statement per loader per request. */
export const networkLoaders = (em: EntityManager) => ({
  networksByUrn: groupedLoader<string, NetworkMember>(
    (urns) => em.find(NetworkMember, { school: { $in: [...urns] } }, { populate: ['network'], orderBy: { network: { id: 'asc' } } }),
    (m) => m.school.urn,
  ),
  networksByLa: groupedLoader<string, Network>(
    (codes) => em.find(Network, { localAuthority: { $in: [...codes] } }, { orderBy: { id: 'asc' } }),
    (n) => n.localAuthority.code,
  ),
  membersByNetwork: groupedLoader<string, NetworkMember>(
    (ids) => em.find(NetworkMember, { network: { $in: [...ids] } }, { populate: ['school'], orderBy: { school: { urn: 'asc' } } }),
    (m) => m.network.id,
  ),
});

