import { badField } from '@tdg/kit/write/validate-input';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TeachingSchoolHub } from './hub/hub.entity.ts';

/** BAD_USER_INPUT on `field` unless the subgraph holds the hub. */
export async function assertHubExists(em: EntityManager, hubId: string, field: string): Promise<void> {
  if (!(await em.findOne(TeachingSchoolHub, hubId))) throw badField(field, `no Teaching School Hub "${hubId}" in this subgraph`);
}
