import { SchoolAreaSchema } from '@tdg/kit/area/school-area';
import { AuditEntrySchema } from '@tdg/kit/audit/audit-entry.entity';
import { HubLocalAuthoritySchema, TeachingSchoolHubSchema } from './modules/hub/hub.entity.ts';
import { EctInductionSchema } from './modules/induction/ect-induction.entity.ts';
import { NpqEnrolmentSchema } from './modules/npq/npq-enrolment.entity.ts';
import { HubPartnershipSchema } from './modules/partnership/hub-partnership.entity.ts';

/** Every entity of the teaching-school-hubs subgraph. */
export const entities = [TeachingSchoolHubSchema, HubLocalAuthoritySchema, EctInductionSchema, NpqEnrolmentSchema, HubPartnershipSchema, AuditEntrySchema, SchoolAreaSchema];
