import { AuditEntrySchema } from '@tdg/kit/audit/audit-entry.entity';
import { ResearchSchoolSchema } from './modules/research-school/research-school.entity.ts';

/** Every entity of the research-schools subgraph (the audit trail's table too: every subgraph keeps one). */
export const entities = [ResearchSchoolSchema, AuditEntrySchema];
