import { SchoolAreaSchema } from '@tdg/kit/area/school-area';
import { AuditEntrySchema } from '@tdg/kit/audit/audit-entry.entity';
import { CurriculumHubLocalAuthoritySchema, CurriculumHubSchema } from './modules/hub/curriculum-hub.entity.ts';
import { ParticipationSchema } from './modules/participation/participation.entity.ts';
import { ProgrammeSchema } from './modules/programme/programme.entity.ts';

/** Every entity of the curriculum-hubs subgraph. */
export const entities = [CurriculumHubSchema, CurriculumHubLocalAuthoritySchema, ProgrammeSchema, ParticipationSchema, AuditEntrySchema, SchoolAreaSchema];
