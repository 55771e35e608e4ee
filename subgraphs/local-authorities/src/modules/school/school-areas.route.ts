import type { MikroORM } from '@mikro-orm/postgresql';
import { SCHOOL_AREAS_PATH } from '@tdg/kit/area/school-area';
import { dataVersion } from '@tdg/kit/audit/data-version';
import { query } from '@tdg/kit/sql';
import type { FastifyInstance } from 'fastify';

/** Whether an If-None-Match header names this ETag (a list, weak or not, or `*`). */
const matches = (header: string | undefined, etag: string): boolean =>
  header?.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag) ?? false;

/**
 * `GET /reference/school-areas.csv`: the register's public URN → LA lookup (`urn,la_code` of every school, by URN), the
 * `school-areas.csv` the engagement subgraphs keep in their own `school_area` table and fetch again every
 * SCHOOL_AREAS_REFRESH_SECONDS. Public data, no signature (like GIAS's own extract); nothing but these two columns.
 * The ETag is the subgraph's data version (audit/data-version.ts: it moves with every committed write or load, so
 * with every change of the register), read before the rows: an unchanged version answers 304 without reading them.
 */
export function schoolAreasRoute(app: FastifyInstance, orm: MikroORM): void {
  app.get(SCHOOL_AREAS_PATH, async (request, reply) => {
    const em = orm.em.fork();
    const etag = `"${await dataVersion(em)}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    const rows = await query<{ urn: string; la_code: string }>(em, 'select urn, la_code from school order by urn collate "C"');
    let csv = 'urn,la_code\r\n';
    for (const r of rows) csv += `${r.urn},${r.la_code}\r\n`;
    return reply.type('text/csv; charset=utf-8').send(csv);
  });
}
