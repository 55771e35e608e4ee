import { AuditEntrySchema } from '@tdg/kit/audit/audit-entry.entity';
import { LocalAuthoritySchema } from './modules/local-authority/local-authority.entity.ts';
import { NetworkMemberSchema, NetworkSchema } from './modules/network/network.entity.ts';
import { RegionSchema } from './modules/region/region.entity.ts';
import { SchoolSchema } from './modules/school/school.entity.ts';
import { SupportEpisodeSchema } from './modules/support/support-episode.entity.ts';

/** Every entity of the local-authorities subgraph. */
export const entities = [RegionSchema, LocalAuthoritySchema, SchoolSchema, SupportEpisodeSchema, NetworkSchema, NetworkMemberSchema, AuditEntrySchema];
