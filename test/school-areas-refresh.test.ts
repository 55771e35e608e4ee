import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SCHOOL_AREAS_PATH } from '@tdg/kit/area/school-area';
import { startSchoolAreasRefresh } from '@tdg/kit/area/school-areas-refresh';
import { ConfigError } from '@tdg/kit/config';
import { importFolder } from '@tdg/kit/load/import-folder';
import { loadSubgraphConfig } from '@tdg/kit/subgraph-config';
import { schoolAreasEnv } from '../scripts/src/school-areas-url.ts';
import localAuthorities from '../subgraphs/local-authorities/src/index.ts';
import scitts from '../subgraphs/scitts/src/index.ts';
import { type TestSubgraph, openTestDatabase, startTestSubgraph } from './support/subgraph-harness.ts';

const LAS = 'la_code,gss_code,name,region_code,region_name\n808,E06000004,Stockton-on-Tees,A,North East\n873,E10000003,Cambridgeshire,G,East of England\n';
const SCHOOLS = 'urn,name,la_code,phase,type_group,status\n100002,Beta Secondary,808,SECONDARY,LA_MAINTAINED,CLOSED\n100001,Alpha Primary,808,PRIMARY,ACADEMY,OPEN\n';

const folderWith = (files: Record<string, string>) => {
  const folder = mkdtempSync(join(tmpdir(), 'school-areas-refresh-'));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return folder;
};

const areasOf = async (orm: MikroORM) =>
  (await orm.em.fork().getConnection().execute('select urn, la_code, region_code from school_area order by urn')) as { urn: string; la_code: string; region_code: string }[];

/**
 * Freshness of the URN → LA lookup: local-authorities publishes its register's two public columns at
 * `GET /reference/school-areas.csv` (no signature, ETag = its data version), and an engagement subgraph with
 * SCHOOL_AREAS_URL fetches it with If-None-Match and replaces its `school_area` table in one transaction.
 */
describe('the register\'s URN → LA lookup, published and refreshed', () => {
  let la: TestSubgraph;
  let url: string;
  let orm: MikroORM;
  beforeAll(async () => {
    la = await startTestSubgraph(localAuthorities, folderWith({ 'local-authorities.csv': LAS, 'schools.csv': SCHOOLS }));
    url = `${new URL(la.url).origin}${SCHOOL_AREAS_PATH}`;
    orm = await openTestDatabase(scitts);
  });
  afterAll(async () => {
    await la?.close();
    await orm?.schema.dropDatabase().catch(() => undefined);
    await orm?.close();
  });

  test('local-authorities answers urn,la_code of every school by URN, unsigned, with an ETag; 304 when it has not changed', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await res.text()).toBe('urn,la_code\r\n100001,808\r\n100002,808\r\n');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+\.\d+"$/);
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  test('a subgraph fetches it, replaces its table in one transaction (audited), skips an unchanged one and follows a change', async () => {
    await importFolder(orm, scitts.importSpec, folderWith({ 'school-areas.csv': 'urn,la_code\n999999,873\n' }));
    const refresh = startSchoolAreasRefresh(orm, { url, refreshSeconds: 3600 });
    try {
      expect(await refresh.started).toBe('replaced');
      expect(await areasOf(orm)).toEqual([
        { urn: '100001', la_code: '808', region_code: 'A' },
        { urn: '100002', la_code: '808', region_code: 'A' },
      ]);
      const audited = await orm.em.fork().getConnection().execute(`select actor_subject, source, entity_type, entity_id from audit_entry where entity_id = ?`, [url]);
      expect(audited).toEqual([{ actor_subject: 'service:school-areas-refresh', source: 'IMPORT', entity_type: 'school-areas.csv', entity_id: url }]);
      expect(await refresh.refresh()).toBe('unchanged');
      // A change of the register's other columns moves the ETag, not the lookup: nothing is replaced.
      const etag = refresh.etag();
      await importFolder(la.orm, localAuthorities.importSpec, folderWith({ 'schools.csv': 'urn,name,la_code,phase,type_group,status\n100002,Beta Secondary (renamed),808,SECONDARY,LA_MAINTAINED,CLOSED\n' }));
      expect(await refresh.refresh()).toBe('unchanged');
      expect(refresh.etag()).not.toBe(etag);

      // The register changes (a load of the local-authorities subgraph): the next refresh replaces the whole table.
      await importFolder(la.orm, localAuthorities.importSpec, folderWith({ 'schools.csv': 'urn,name,la_code,phase,type_group,status\n100003,Gamma Primary,873,PRIMARY,ACADEMY,OPEN\n100001,Alpha Primary,873,PRIMARY,ACADEMY,OPEN\n' }));
      expect(await refresh.refresh()).toBe('replaced');
      expect(await areasOf(orm)).toEqual([
        { urn: '100001', la_code: '873', region_code: 'G' },
        { urn: '100002', la_code: '808', region_code: 'A' },
        { urn: '100003', la_code: '873', region_code: 'G' },
      ]);
    } finally {
      refresh.stop();
    }
  });

  test('an unreachable or bad source keeps the table as it is', async () => {
    const before = await areasOf(orm);
    const lines: string[] = [];
    const unreachable = startSchoolAreasRefresh(orm, { url: 'http://127.0.0.1:9/reference/school-areas.csv', refreshSeconds: 3600, log: (l) => lines.push(l) });
    expect(await unreachable.started).toBe('failed');
    unreachable.stop();
    const notFound = startSchoolAreasRefresh(orm, { url: `${new URL(la.url).origin}/reference/nothing.csv`, refreshSeconds: 3600, log: (l) => lines.push(l) });
    expect(await notFound.started).toBe('failed');
    notFound.stop();
    expect(lines.join('\n')).toMatch(/failed, the table is kept/);
    expect(await areasOf(orm)).toEqual(before);
  });

  test('configuration: SCHOOL_AREAS_URL must be an http(s) URL, SCHOOL_AREAS_REFRESH_SECONDS whole seconds (default 60)', () => {
    const env = { DATABASE_URL: 'postgres://u@localhost/', SUBGRAPH_SIGNING_SECRET: 'x'.repeat(40), NODE_ENV: 'test' };
    expect(loadSubgraphConfig(scitts.info, env).schoolAreas).toBeNull();
    expect(loadSubgraphConfig(scitts.info, { ...env, SCHOOL_AREAS_URL: 'http://127.0.0.1:4001/reference/school-areas.csv' }).schoolAreas).toEqual({
      url: 'http://127.0.0.1:4001/reference/school-areas.csv',
      refreshSeconds: 60,
    });
    expect(() => loadSubgraphConfig(scitts.info, { ...env, SCHOOL_AREAS_URL: 'not a url', SCHOOL_AREAS_REFRESH_SECONDS: '0' })).toThrow(ConfigError);
    // npm start and npm run subgraph point it at the local-authorities subgraph of the list
    const infos = [localAuthorities.info, scitts.info];
    expect(schoolAreasEnv(infos, {})).toEqual({ SCHOOL_AREAS_URL: `http://127.0.0.1:${localAuthorities.info.defaultPort}/reference/school-areas.csv` });
    expect(schoolAreasEnv(infos, { LOCAL_AUTHORITIES_URL: 'http://la.internal:8080/graphql' })).toEqual({ SCHOOL_AREAS_URL: 'http://la.internal:8080/reference/school-areas.csv' });
    expect(schoolAreasEnv(infos, { SCHOOL_AREAS_URL: 'http://elsewhere/x.csv' })).toEqual({});
    expect(schoolAreasEnv([scitts.info], {})).toEqual({});
  });
});
