import type { SupportEpisode } from './support-episode.entity.ts';

/** What SupportEpisode's resolvers receive as parent: its scalars and its schools as `{ urn }` (an entity is one too). */
export type SupportEpisodeModel = Pick<SupportEpisode, 'id' | 'supportType' | 'category' | 'startedOn' | 'endedOn'> & {
  readonly supportedSchool: { readonly urn: string };
  readonly supportingSchool?: { readonly urn: string } | null;
};
