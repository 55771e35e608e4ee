import { SchoolAreaSchema } from '@tdg/kit/area/school-area';
import { AuditEntrySchema } from '@tdg/kit/audit/audit-entry.entity';
import { ResearchParticipationSchema } from './modules/participation/research-participation.entity.ts';
import { ResearchProgrammeSchema } from './modules/programme/research-programme.entity.ts';
import { ResearchSchoolSchema } from './modules/research-school/research-school.entity.ts';

/** Every entity of the research-schools subgraph (the audit trail's table too: every subgraph keeps one). */
export const entities = [ResearchSchoolSchema, ResearchProgrammeSchema, ResearchParticipationSchema, AuditEntrySchema, SchoolAreaSchema];
