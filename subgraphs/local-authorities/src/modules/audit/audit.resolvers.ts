import { readAuditLog } from '@tdg/kit/audit/audit-log';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const auditResolvers: Resolvers = {
  Query: {
    /** Newest first; administrators read every entry, organisation staff those about their organisation's records. */
    localAuthoritiesAuditLog: (_, args, ctx) => readAuditLog(ctx, args, 'Query.localAuthoritiesAuditLog'),
  },
};
