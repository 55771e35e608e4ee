import type { School } from './school.entity.ts';

/**
 * What School's resolvers receive as parent: every scalar of a school and its LA as `{ code }`. Both a MikroORM
 * `School` (from mutations) and a school read with plain SQL (`schoolOf` in school.loaders.ts) are one.
 */
export type SchoolModel = Pick<
  School,
  'urn' | 'name' | 'phase' | 'typeGroup' | 'status' | 'statutoryLowAge' | 'statutoryHighAge' | 'numberOfPupils' | 'percentageFsm' | 'ofstedRating' | 'trustName' | 'postcode'
> & { readonly localAuthority: { readonly code: string } };
