import type { EntityManager } from '@mikro-orm/postgresql';
import { groupBy, loaderByArgument } from '@tdg/kit/loaders';
import { query, textArrayParam } from '@tdg/kit/sql';
import type { SchoolModel } from '../school/school.model.ts';
import { type SchoolRow, schoolColumns, schoolOf } from '../school/school.loaders.ts';
import { type SchoolScope, scopeKey } from '../school/school-scope.ts';
import type { SupportEpisode } from './support-episode.entity.ts';
import type { SupportEpisodeModel } from './support-episode.model.ts';

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
 * Episodes (alias `e`) active during an academic year, with its parameters: started on or before its 31 August and not
 * ended before its 1 September. Academic year 2024 runs from 2024-09-01 to 2025-08-31. No condition without a year.
 */
export function activeDuring(academicYear: number | null): { sql: string; params: string[] } {
  if (academicYear === null) return { sql: 'true', params: [] };
  return {
    sql: '(e.started_on <= ?::date and (e.ended_on is null or e.ended_on >= ?::date))',
    params: [`${academicYear + 1}-08-31`, `${academicYear}-09-01`],
  };
}

/** A row of `EPISODE_COLUMNS`, with the key it was read for. */
interface EpisodeRow {
  readonly key: string;
  readonly id: string;
  readonly supportedUrn: string;
  readonly supportingUrn: string | null;
  readonly supportType: SupportEpisode['supportType'];
  readonly category: SupportEpisode['category'];
  readonly startedOn: string;
  readonly endedOn: string | null;
}

const EPISODE_COLUMNS = `e.id, e.supported_urn as "supportedUrn", e.supporting_urn as "supportingUrn",
  e.support_type as "supportType", e.category,
  to_char(e.started_on, 'YYYY-MM-DD') as "startedOn", to_char(e.ended_on, 'YYYY-MM-DD') as "endedOn"`;

/** An episode read with plain SQL, without MikroORM hydration: its scalars and its schools as `{ urn }`. */
const episodeOf = (row: EpisodeRow): SupportEpisodeModel => ({
    id: row.id,
    supportedSchool: { urn: row.supportedUrn },
    supportingSchool: row.supportingUrn === null ? null : { urn: row.supportingUrn },
    supportType: row.supportType,
    category: row.category,
    startedOn: row.startedOn,
  endedOn: row.endedOn,
});

/**
 * Episodes per school (received or given) and per LA, keyed with an optional academic year: one statement per year
 * asked for. `from` joins what `key` (the SQL expression of a row's key) needs; `key` is matched against the ids.
 */
const episodesBy = (em: EntityManager, from: string, key: string) =>
  loaderByArgument<YearKey, SupportEpisodeModel[], number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const active = activeDuring(year);
      const rows = await query<EpisodeRow>(
        em,
        `select ${key} as key, ${EPISODE_COLUMNS} from ${from}
         where ${key} = any(?::text[]) and ${active.sql}
         order by e.started_on asc, e.id asc`,
        [textArrayParam(keys.map((k) => k.id)), ...active.params],
      );
      const groups = groupBy(rows, (r) => r.key);
      return keys.map((k) => (groups.get(k.id) ?? []).map(episodeOf));
    },
    yearKey,
  );

/** Support episodes by school (received, given), by LA, and the schools receiving support per scope. */
export const supportLoaders = (em: EntityManager) => ({
  supportReceivedByUrn: episodesBy(em, 'support_episode e', 'e.supported_urn'),
  supportGivenByUrn: episodesBy(em, 'support_episode e', 'e.supporting_urn'),
  // Grouped by the supported school's LA.
  supportByLa: episodesBy(em, 'support_episode e join school s on s.urn = e.supported_urn', 's.la_code'),
  /** Distinct schools receiving support during a year, per scope, ordered by URN. */
  schoolsReceivingSupport: loaderByArgument<ScopeYear, SchoolModel[], string>(
    (k) => `${k.scope.kind}|${k.academicYear}`,
    async (_, keys) => {
      const { kind } = keys[0].scope;
      const active = activeDuring(keys[0].academicYear);
      const area = kind === 'la' ? 's.la_code' : 'la.region_code';
      const rows = await query<SchoolRow & { scope: string }>(
        em,
        `select ${area} as scope, ${schoolColumns('s')}
         from school s join local_authority la on la.code = s.la_code
         where ${area} = any(?::text[])
           and exists (select 1 from support_episode e where e.supported_urn = s.urn and ${active.sql})`,
        [textArrayParam(keys.map((k) => k.scope.code)), ...active.params],
      );
      rows.sort((a, b) => a.urn.localeCompare(b.urn));
      const groups = groupBy(rows, (r) => r.scope);
      return keys.map((k) => (groups.get(k.scope.code) ?? []).map(schoolOf));
    },
    (k) => `${scopeKey(k.scope)}|${k.academicYear}`,
  ),
});
