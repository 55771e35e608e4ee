import type { LocalAuthority } from './local-authority.entity.ts';

/** What LocalAuthority's resolvers receive as parent: its scalars and its region as `{ code }` (an entity is one too). */
export type LocalAuthorityModel = Pick<LocalAuthority, 'code' | 'gssCode' | 'name'> & { readonly region: { readonly code: string } };
