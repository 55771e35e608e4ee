import { SchoolAreaSchema } from '@tdg/kit/area/school-area';
import { AuditEntrySchema } from '@tdg/kit/audit/audit-entry.entity';
import { PlacementSchema } from './modules/placement/placement.entity.ts';
import { ScittPartnerSchoolSchema } from './modules/partner/partner-school.entity.ts';
import { ScittSchema } from './modules/scitt/scitt.entity.ts';
import { TraineeSchema } from './modules/trainee/trainee.entity.ts';

/** Every entity of the scitts subgraph. */
export const entities = [ScittSchema, ScittPartnerSchoolSchema, TraineeSchema, PlacementSchema, AuditEntrySchema, SchoolAreaSchema];
