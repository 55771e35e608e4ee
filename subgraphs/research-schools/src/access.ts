import type { LocalAuthorityReference } from '@tdg/kit/area';
import type { AccessFunctions } from '@tdg/kit/auth/access';
import { regionOfLa } from '@tdg/kit/reference';
import type { Context } from './context.ts';

/**
 * The owner and region functions the SDL's `@access` directives name (schema/research-schools.graphql). Add an owner function
 * (`owners: { ... }`) when a field holds personal records, and a region function for each AGGREGATE figure.
 */
export const access: AccessFunctions<Context> = {
  regions: {
    localAuthorityRegion: (la: LocalAuthorityReference) => regionOfLa(la.code),
  },
};
