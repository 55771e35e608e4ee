import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader, singleLoader } from '@tdg/kit/loaders';
import { ResearchSchool } from './research-school.entity.ts';

/** Research school records by id, by lead school and by LA: one statement per loader per request, however many are asked. */
export const researchSchoolLoaders = (em: EntityManager) => ({
  researchSchoolById: singleLoader<string, ResearchSchool>((ids) => em.find(ResearchSchool, { id: { $in: [...ids] } }), (r) => r.id),
  researchSchoolsBySchool: groupedLoader<string, ResearchSchool>(
    (urns) => em.find(ResearchSchool, { leadSchoolUrn: { $in: [...urns] } }, { orderBy: { id: 'asc' } }),
    (r) => r.leadSchoolUrn as string,
  ),
  researchSchoolsByLa: groupedLoader<string, ResearchSchool>((codes) => em.find(ResearchSchool, { laCode: { $in: [...codes] } }, { orderBy: { id: 'asc' } }), (r) => r.laCode),
});
