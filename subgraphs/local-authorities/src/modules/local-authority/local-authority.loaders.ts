import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader, singleLoader } from '@tdg/kit/loaders';
import { query, textArrayParam } from '@tdg/kit/sql';
import { LocalAuthority } from './local-authority.entity.ts';
import type { LocalAuthorityModel } from './local-authority.model.ts';

/** An LA read with plain SQL, without MikroORM hydration: its scalars and its region as `{ code }`. */
const laOf = (row: { code: string; gssCode: string; name: string; regionCode: string }): LocalAuthorityModel => ({
  code: row.code,
  gssCode: row.gssCode,
  name: row.name,
  region: { code: row.regionCode },
});

/** Local authorities by code and by region, one statement per loader per request. */
export const localAuthorityLoaders = (em: EntityManager) => ({
  laByCode: singleLoader<string, LocalAuthorityModel>(
    async (codes) =>
      (
        await query<Parameters<typeof laOf>[0]>(
          em,
          'select la.code, la.gss_code as "gssCode", la.name, la.region_code as "regionCode" from local_authority la where la.code = any(?::text[])',
          [textArrayParam(codes)],
        )
      ).map(laOf),
    (la) => la.code,
  ),
  lasByRegion: groupedLoader<string, LocalAuthority>(
    (regions) => em.find(LocalAuthority, { region: { $in: [...regions] } }, { orderBy: { code: 'asc' } }),
    (la) => la.region.code,
  ),
});
