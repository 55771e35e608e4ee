import type { EntityManager } from '@mikro-orm/postgresql';
import { singleLoader } from '@tdg/kit/loaders';
import { query, textArrayParam } from '@tdg/kit/sql';
import DataLoader from 'dataloader';
import { OPEN_STATUSES, type School } from './school.entity.ts';
import { type SchoolScope, scopeKey } from './school-scope.ts';
import type { SchoolModel } from './school.model.ts';

/** The schools of a scope (LA or region): the open state-funded ones' URNs ascending, and the number of open ones. */
export interface ScopeSchools {
  /** URNs of the open state-funded schools, ascending: the candidates of a cold-spot analysis. */
  readonly openStateFundedUrns: string[];
  /** Number of open schools. */
  readonly open: number;
}

const OPEN = `('${OPEN_STATUSES.join("','")}')`;
const NO_SCHOOLS: ScopeSchools = { openStateFundedUrns: [], open: 0 };

/** A row of `schoolColumns`. */
export interface SchoolRow {
  readonly urn: string;
  readonly name: string;
  readonly laCode: string;
  readonly phase: School['phase'];
  readonly typeGroup: School['typeGroup'];
  readonly status: School['status'];
  readonly statutoryLowAge: number | null;
  readonly statutoryHighAge: number | null;
  readonly numberOfPupils: number | null;
  readonly percentageFsm: number | null;
  readonly ofstedRating: School['ofstedRating'];
  readonly trustName: string | null;
  readonly postcode: string | null;
}

/** The columns of a school (table alias `s`) for `schoolOf`. */
export const schoolColumns = (s: string): string =>
  `${s}.urn, ${s}.name, ${s}.la_code as "laCode", ${s}.phase, ${s}.type_group as "typeGroup", ${s}.status,
   ${s}.statutory_low_age as "statutoryLowAge", ${s}.statutory_high_age as "statutoryHighAge",
   ${s}.number_of_pupils as "numberOfPupils", ${s}.percentage_fsm as "percentageFsm", ${s}.ofsted_rating as "ofstedRating",
   ${s}.trust_name as "trustName", ${s}.postcode`;

/** A school read with plain SQL (`schoolColumns`), without MikroORM hydration: every scalar and its LA as `{ code }`. */
export function schoolOf(row: SchoolRow): SchoolModel {
  return {
    urn: row.urn,
    name: row.name,
    localAuthority: { code: row.laCode },
    phase: row.phase,
    typeGroup: row.typeGroup,
    status: row.status,
    statutoryLowAge: row.statutoryLowAge,
    statutoryHighAge: row.statutoryHighAge,
    numberOfPupils: row.numberOfPupils,
    percentageFsm: row.percentageFsm,
    ofstedRating: row.ofstedRating,
    trustName: row.trustName,
    postcode: row.postcode,
  };
}

/** Schools by URN and the schools of each LA or region: one statement per loader per request. */
export const schoolLoaders = (em: EntityManager) => ({
  schoolByUrn: singleLoader<string, SchoolModel>(
    async (urns) =>
      (await query<SchoolRow>(em, `select ${schoolColumns('s')} from school s where s.urn = any(?::text[])`, [textArrayParam(urns)])).map(schoolOf),
    (s) => s.urn,
  ),
  schoolsByScope: schoolsByScope(em),
});

const byUrn = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The schools of each scope, LAs and regions alike, with one statement for every scope of a batch: it reads them per
 * LA (every LA asked for, and every LA of every region asked for), a region being the union of its LAs. The LAs read
 * for a region are primed too, and an LA whose region (`regionCode`, when the caller knows it) is being read waits for
 * that read, so that a region's LAs asked for later in the request (a regional overview: the region's LAs arrive while
 * its schools are still being read) cost no statement of their own.
 */
function schoolsByScope(em: EntityManager): { load(scope: SchoolScope, regionCode?: string): Promise<ScopeSchools>; clearAll(): void } {
  const regions = new Map<string, Promise<unknown>>();
  const loader = schoolsByScopeLoader(em);
  return {
    load(scope, regionCode) {
      if (scope.kind === 'region') {
        const loading = loader.load(scope);
        regions.set(scope.code, loading);
        return loading;
      }
      const region = regionCode === undefined ? undefined : regions.get(regionCode);
      const load = () => loader.load(scope);
      return region ? region.then(load, load) : load();
    },
    clearAll() {
      regions.clear();
      loader.clearAll();
    },
  };
}

function schoolsByScopeLoader(em: EntityManager): DataLoader<SchoolScope, ScopeSchools, string> {
  const loader: DataLoader<SchoolScope, ScopeSchools, string> = new DataLoader<SchoolScope, ScopeSchools, string>(
    async (scopes) => {
      const laCodes = scopes.filter((s) => s.kind === 'la').map((s) => s.code);
      const regionCodes = scopes.filter((s) => s.kind === 'region').map((s) => s.code);
      // URNs are ordered by code point (collate "C": no sort under the database's collation); a region's lists are
      // merged in the same order below.
      const rows = await query<{ la: string; region: string; candidates: string[]; open: number }>(
        em,
        `select la.code as la, la.region_code as region,
                coalesce(array_agg(s.urn order by s.urn collate "C")
                  filter (where s.status in ${OPEN} and s.type_group <> 'INDEPENDENT'), '{}') as candidates,
                count(s.urn) filter (where s.status in ${OPEN})::int as open
         from local_authority la left join school s on s.la_code = la.code
         where la.code = any(?::text[]) or la.region_code = any(?::text[])
         group by la.code, la.region_code`,
        [textArrayParam(laCodes), textArrayParam(regionCodes)],
      );
      const byLa = new Map<string, ScopeSchools>();
      const byRegion = new Map<string, { openStateFundedUrns: string[]; open: number }>();
      for (const r of rows) {
        byLa.set(r.la, { openStateFundedUrns: r.candidates, open: r.open });
        let region = byRegion.get(r.region);
        if (!region) byRegion.set(r.region, (region = { openStateFundedUrns: [], open: 0 }));
        for (const urn of r.candidates) region.openStateFundedUrns.push(urn);
        region.open += r.open;
      }
      for (const region of byRegion.values()) {
        region.openStateFundedUrns.sort(byUrn);
      }
      const asked = new Set(scopes.map(scopeKey));
      for (const [code, schools] of byLa) {
        const scope = { kind: 'la' as const, code };
        if (!asked.has(scopeKey(scope))) loader.prime(scope, schools);
      }
      return scopes.map((s) => (s.kind === 'la' ? byLa.get(s.code) : byRegion.get(s.code)) ?? NO_SCHOOLS);
    },
    { cacheKeyFn: scopeKey, maxBatchSize: 50_000 },
  );
  return loader;
}
