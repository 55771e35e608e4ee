import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LoadRejected, importFolder } from '@tdg/kit/load/import-folder';
import { formatProblem } from '@tdg/kit/load/spec';
import { openTestDatabase } from '../../../../test/support/subgraph-harness.ts';
import { localAuthorities } from '../index.ts';

/** The local-authorities files of DATA-FORMAT.md, each rule with a bad file; a rejected load changes nothing. */
const BASE: Record<string, string> = {
  'local-authorities.csv': 'la_code,gss_code,name,region_code,region_name\n808,E06000004,Stockton-on-Tees,A,North East\n873,E10000003,Cambridgeshire,G,East of England\n',
  'schools.csv':
    'urn,name,la_code,phase,type_group,status,statutory_low_age,statutory_high_age,number_of_pupils,percentage_fsm,ofsted_rating,trust_name,postcode\n' +
    '100001,Alpha Primary,808,PRIMARY,ACADEMY,OPEN,4,11,210,31.5,GOOD,North Trust,TS18 1AA\n' +
    '100002,Beta Secondary,808,SECONDARY,LA_MAINTAINED,OPEN,11,16,900,12,REQUIRES_IMPROVEMENT,,TS19 2BB\n' +
    '100003,Gamma School,873,PRIMARY,INDEPENDENT,CLOSED,,,,,,,\n',
  'support-episodes.csv': 'episode_id,supported_urn,supporting_urn,support_type,category,started_on,ended_on\nE1,100002,100001,NLE,REQUIRES_IMPROVEMENT,2023-10-01,\n',
  'networks.csv': 'network_id,la_code,name,kind\nN1,808,Stockton Primary Network,PRIMARY_LEARNING_NETWORK\n',
  'network-members.csv': 'network_id,urn\nN1,100001\n',
};

const folderOf = (files: Record<string, string>) => {
  const folder = mkdtempSync(join(tmpdir(), 'la-load-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
};

async function counts(orm: MikroORM) {
  const [row] = await orm.em
    .fork()
    .getConnection()
    .execute(
      `select (select count(*)::int from region) as regions, (select count(*)::int from local_authority) as las, (select count(*)::int from school) as schools,
              (select count(*)::int from support_episode) as episodes, (select count(*)::int from network) as networks, (select count(*)::int from network_member) as members`,
    );
  return row;
}

let orm: MikroORM;
beforeAll(async () => {
  orm = await openTestDatabase(localAuthorities);
  await importFolder(orm, localAuthorities.importSpec, folderOf(BASE));
});
afterAll(async () => {
  await orm.schema.dropDatabase();
  await orm.close();
});

test('a valid folder loads every file, regions from the LA file', async () => {
  expect(await counts(orm)).toEqual({ regions: 2, las: 2, schools: 3, episodes: 1, networks: 1, members: 1 });
});

const SCHOOLS_HEADER = 'urn,name,la_code,phase,type_group,status,statutory_low_age,statutory_high_age';
const EPISODES_HEADER = 'episode_id,supported_urn,supporting_urn,support_type,category,started_on,ended_on';

test.each([
  ['malformed LA code', { 'local-authorities.csv': 'la_code,gss_code,name,region_code,region_name\n8080,E06000004,X,A,North East\n' }, 'local-authorities.csv:2:la_code: malformed LA code "8080" (expected 3 digits)'],
  ['unknown region', { 'local-authorities.csv': 'la_code,gss_code,name,region_code,region_name\n809,E06000005,X,Z,Nowhere\n' }, 'local-authorities.csv:2:region_code: unknown region code "Z" (expected one of A B D E F G H J K)'],
  ['missing required value', { 'schools.csv': `${SCHOOLS_HEADER}\n100004,,808,PRIMARY,ACADEMY,OPEN,,\n` }, 'schools.csv:2:name: required value missing'],
  ['unknown enum', { 'schools.csv': `${SCHOOLS_HEADER}\n100004,D,808,INFANT,ACADEMY,OPEN,,\n` }, 'schools.csv:2:phase: unknown value "INFANT"'],
  ['ages out of order', { 'schools.csv': `${SCHOOLS_HEADER}\n100004,D,808,PRIMARY,ACADEMY,OPEN,11,4\n` }, 'schools.csv:2:statutory_high_age: statutory_high_age is below statutory_low_age'],
  ['school in an LA not held', { 'schools.csv': `${SCHOOLS_HEADER}\n100004,D,999,PRIMARY,ACADEMY,OPEN,,\n` }, 'schools.csv:2:la_code: unknown la_code "999"'],
  ['duplicate URN', { 'schools.csv': `${SCHOOLS_HEADER}\n100004,D,808,PRIMARY,ACADEMY,OPEN,,\n100004,E,808,PRIMARY,ACADEMY,OPEN,,\n` }, 'schools.csv:3:urn: duplicate id 100004 (first on line 2)'],
  ['malformed date', { 'support-episodes.csv': `${EPISODES_HEADER}\nE2,100002,,LA_ADVISER,COASTING,2023-02-30,\n` }, 'support-episodes.csv:2:started_on: malformed date "2023-02-30" (no such day)'],
  ['ended before started', { 'support-episodes.csv': `${EPISODES_HEADER}\nE2,100002,,LA_ADVISER,COASTING,2023-09-01,2023-08-01\n` }, 'support-episodes.csv:2:ended_on: ended_on is before started_on'],
  ['a school supporting itself', { 'support-episodes.csv': `${EPISODES_HEADER}\nE2,100002,100002,SLE,COASTING,2023-09-01,\n` }, 'support-episodes.csv:2:supporting_urn: a school cannot support itself'],
  ['support for a school not held', { 'support-episodes.csv': `${EPISODES_HEADER}\nE2,100999,,LA_ADVISER,COASTING,2023-09-01,\n` }, 'support-episodes.csv:2:supported_urn: unknown supported_urn "100999"'],
  ['member of a network not held', { 'network-members.csv': 'network_id,urn\nN9,100001\n' }, 'network-members.csv:2:network_id: unknown network_id "N9"'],
])('%s: rejected with file:line:column, nothing changed', async (_label, files, expected) => {
  const before = await counts(orm);
  // Every bad folder also carries a good new school, which must not be written either.
  const folder = folderOf({ 'schools.csv': `${SCHOOLS_HEADER}\n100050,Good New School,808,PRIMARY,ACADEMY,OPEN,,\n`, ...files });
  const error = await importFolder(orm, localAuthorities.importSpec, folder).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LoadRejected);
  expect((error as LoadRejected).problems.map(formatProblem).join('\n')).toContain(expected);
  expect(await counts(orm)).toEqual(before);
});

test('rows replace rows with the same key; other rows stay; the same folder twice gives the same data', async () => {
  const change = folderOf({ 'schools.csv': `${SCHOOLS_HEADER}\n100003,Gamma School Reopened,873,PRIMARY,INDEPENDENT,OPEN,,\n` });
  await importFolder(orm, localAuthorities.importSpec, change);
  await importFolder(orm, localAuthorities.importSpec, change);
  const rows = (await orm.em.fork().getConnection().execute('select urn, name, status from school order by urn')) as { urn: string; name: string; status: string }[];
  expect(rows).toEqual([
    { urn: '100001', name: 'Alpha Primary', status: 'OPEN' },
    { urn: '100002', name: 'Beta Secondary', status: 'OPEN' },
    { urn: '100003', name: 'Gamma School Reopened', status: 'OPEN' },
  ]);
});

test('text with backslashes, tabs, quotes and a line break is written unchanged', async () => {
  const name = 'St Mary\'s C\\E "Primary"\tAnnexe\\N\nNorth';
  const cell = `"${name.replaceAll('"', '""')}"`;
  await importFolder(orm, localAuthorities.importSpec, folderOf({ 'schools.csv': `${SCHOOLS_HEADER}\n100060,${cell},808,PRIMARY,ACADEMY,OPEN,,\n` }));
  const [row] = (await orm.em.fork().getConnection().execute(`select name from school where urn = '100060'`)) as { name: string }[];
  expect(row?.name).toBe(name);
  await orm.em.fork().getConnection().execute(`delete from school where urn = '100060'`);
});

test('a constraint PostgreSQL enforces when the rows are written is reported at the file and line of the row that breaks it', async () => {
  const db = orm.em.fork().getConnection();
  await db.execute('alter table school add constraint test_pupils_below_5000 check (number_of_pupils < 5000)');
  try {
    const before = await counts(orm);
    const rows = Array.from({ length: 40 }, (_, i) => `1001${String(i).padStart(2, '0')},School ${i},808,PRIMARY,ACADEMY,OPEN,4,11,${i === 26 ? 6000 : 100}`);
    const folder = folderOf({ 'schools.csv': `${SCHOOLS_HEADER},number_of_pupils\n${rows.join('\n')}\n` });
    const error = await importFolder(orm, localAuthorities.importSpec, folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadRejected);
    const message = (error as LoadRejected).problems.map(formatProblem).join('\n');
    expect(message).toMatch(/^schools\.csv:28:: new row for relation "school" violates check constraint "test_pupils_below_5000"/);
    expect(await counts(orm)).toEqual(before);
  } finally {
    await db.execute('alter table school drop constraint test_pupils_below_5000');
  }
});
