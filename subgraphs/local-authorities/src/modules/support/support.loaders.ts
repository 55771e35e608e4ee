import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { groupBy, loaderByArgument } from '@tdg/kit/loaders';
import type { School } from '../school/school.entity.ts';
import { type SchoolScope, scopeKey } from '../school/school-scope.ts';
import { SupportEpisode } from './support-episode.entity.ts';

/** A key with an optional academic-year filter. */
export interface YearKey {
  readonly id: string;
  readonly academicYear: number | null;
}
const yearKey = (k: YearKey) => `${k.id}|${k.academicYear ?? ''}`;

/** A scope with an academic year. */
export interface ScopeYear {
  readonly scope: SchoolScope;
  readonly academicYear: number;
}

/**
 * Episodes active during an academic year: started on or before its 31 August and not ended before its 1 September.
 * Academic year 2024 runs from 2024-09-01 to 2025-08-31.
 */
export function activeDuring(academicYear: number | null): FilterQuery<SupportEpisode> {
  if (academicYear === null) return {};
  return {
    startedOn: { $lte: `${academicYear + 1}-08-31` },
    $or: [{ endedOn: null }, { endedOn: { $gte: `${academicYear}-09-01` } }],
  };
}

const ORDER = { orderBy: { startedOn: 'asc', id: 'asc' } } as const;

/** Episodes per school (received or given) and per LA, keyed with an optional academic year. */
const episodesBy = (
  em: EntityManager,
  keyOf: (e: SupportEpisode) => string | undefined,
  where: (ids: string[]) => FilterQuery<SupportEpisode>,
  populate: 'supportedSchool'[] = [],
) =>
  loaderByArgument<YearKey, SupportEpisode[], number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const rows = await em.find(SupportEpisode, { $and: [where(keys.map((k) => k.id)), activeDuring(year)] }, { ...ORDER, populate });
      const groups = groupBy(rows, (e) => keyOf(e));
      return keys.map((k) => groups.get(k.id) ?? []);
    },
    yearKey,
  );

/** Support episodes by school (received, given), by LA, and the schools receiving support per scope. */
export const supportLoaders = (em: EntityManager) => ({
  supportReceivedByUrn: episodesBy(em, (e) => e.supportedSchool.urn, (ids) => ({ supportedSchool: { $in: ids } })),
  supportGivenByUrn: episodesBy(em, (e) => e.supportingSchool?.urn, (ids) => ({ supportingSchool: { $in: ids } })),
  supportByLa: episodesBy(
    em,
    (e) => (e.supportedSchool as School).localAuthority.code,
    (ids) => ({ supportedSchool: { localAuthority: { $in: ids } } }),
    // Grouped by the supported school's LA: the school must be loaded, not a bare reference.
    ['supportedSchool'],
  ),
  /** Distinct schools receiving support during a year, per scope, ordered by URN. */
  schoolsReceivingSupport: loaderByArgument<ScopeYear, School[], string>(
    (k) => `${k.scope.kind}|${k.academicYear}`,
    async (_, keys) => {
      const { kind } = keys[0].scope;
      const codes = keys.map((k) => k.scope.code);
      const area = kind === 'la' ? { localAuthority: { $in: codes } } : { localAuthority: { region: { $in: codes } } };
      const episodes = await em.find(
        SupportEpisode,
        { $and: [{ supportedSchool: area }, activeDuring(keys[0].academicYear)] } as FilterQuery<SupportEpisode>,
        { populate: ['supportedSchool', 'supportedSchool.localAuthority'] },
      );
      const schools = [...new Map(episodes.map((e) => [e.supportedSchool.urn, e.supportedSchool as School])).values()];
      schools.sort((a, b) => a.urn.localeCompare(b.urn));
      const groups = groupBy(schools, (s) => (kind === 'la' ? s.localAuthority.code : s.localAuthority.region.code));
      return keys.map((k) => groups.get(k.scope.code) ?? []);
    },
    (k) => `${scopeKey(k.scope)}|${k.academicYear}`,
  ),
});
