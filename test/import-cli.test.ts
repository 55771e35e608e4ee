import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { withDatabase } from '@tdg/kit/database-url';

/**
 * `npm run import` as a user runs it, against the test server with databases of its own (via the per-subgraph
 * <PREFIX>_DATABASE_URL variables): a good folder loads; a folder with bad rows exits non-zero, lists every problem as
 * file:line:column: reason, and leaves that subgraph's previous data untouched while another subgraph's good files load.
 */
const root = join(import.meta.dirname, '..');
const server = () => process.env.TEST_DATABASE_SERVER_URL!;
const suffix = `${process.pid}_${Date.now() % 100000}`;
const databases = {
  LOCAL_AUTHORITIES_DATABASE_URL: `tdg_cli_la_${suffix}`,
  TEACHING_SCHOOL_HUBS_DATABASE_URL: `tdg_cli_tsh_${suffix}`,
  SCITTS_DATABASE_URL: `tdg_cli_scitts_${suffix}`,
  CURRICULUM_HUBS_DATABASE_URL: `tdg_cli_hubs_${suffix}`,
};

function runImport(folder: string) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: server(), IMPORT_OPERATOR: 'cli-test' };
  for (const [variable, db] of Object.entries(databases)) env[variable] = withDatabase(server(), db);
  return spawnSync(process.execPath, [join(root, 'scripts/src/import.ts'), folder], { env, cwd: root, encoding: 'utf8' });
}

async function count(db: string, sql: string): Promise<number> {
  const orm = await MikroORM.init({ clientUrl: withDatabase(server(), db), entities: [], discovery: { warnWhenNoEntities: false } });
  try {
    const [row] = (await orm.em.getConnection().execute(sql)) as { n: number }[];
    return Number(row.n);
  } finally {
    await orm.close();
  }
}

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'tdg-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

test('loads a good folder, then refuses a bad one without touching what was there', async () => {
  const good = folderWith({
    'local-authorities.csv': 'la_code,gss_code,name,region_code,region_name\n808,E06000004,Stockton-on-Tees,A,North East\n',
    'schools.csv': 'urn,name,la_code,phase,type_group,status\n100001,Alpha,808,PRIMARY,ACADEMY,OPEN\n',
  });
  const first = runImport(good);
  expect(first.status).toBe(0);
  expect(first.stdout).toContain('[local-authorities] loaded local-authorities.csv 1, schools.csv 1');

  const bad = folderWith({
    'schools.csv': 'urn,name,la_code,phase,type_group,status\n100002,Beta,808,PRIMARY,ACADEMY,OPEN\n100003,Gamma,999,PRIMARY,ACADEMY,OPEN\n12,Delta,808,SECONDARY,ACADEMY,OPENED\n',
    'scitts.csv': 'scitt_id,ukprn,name,lead_school_urn,region_code\n70245,10001234,Stockton-on-Tees Teacher Training Partnership,100001,A\n',
  });
  const second = runImport(bad);
  expect(second.status).toBe(1);
  expect(second.stdout).toContain('[local-authorities] load rejected, nothing changed:');
  expect(second.stdout).toContain('schools.csv:3:la_code: unknown la_code "999": no such id in local-authorities.csv or already loaded');
  expect(second.stdout).toContain('schools.csv:4:urn: malformed URN "12" (expected 6 or more digits)');
  expect(second.stdout).toContain('schools.csv:4:status: unknown value "OPENED"');
  // The local authorities' previous data is untouched: the good row of the bad file was not written either.
  expect(await count(databases.LOCAL_AUTHORITIES_DATABASE_URL, 'select count(*) as n from school')).toBe(1);
  // Each subgraph loads on its own: the SCITTs' good file did load.
  expect(second.stdout).toContain('[scitts] loaded scitts.csv 1');
  expect(await count(databases.SCITTS_DATABASE_URL, 'select count(*) as n from scitt')).toBe(1);
  // The bulk loads are in the audit trail with their operator.
  expect(await count(databases.SCITTS_DATABASE_URL, "select count(*) as n from audit_entry where source = 'IMPORT' and actor_subject = 'operator:cli-test'")).toBe(1);
});

test('loading the same folder twice gives the same data', async () => {
  const folder = folderWith({
    'local-authorities.csv': 'la_code,gss_code,name,region_code,region_name\n808,E06000004,Stockton-on-Tees,A,North East\n',
    'schools.csv': 'urn,name,la_code,phase,type_group,status\n100001,Alpha Renamed,808,PRIMARY,ACADEMY,OPEN\n100009,Iota,808,PRIMARY,ACADEMY,OPEN\n',
  });
  expect(runImport(folder).status).toBe(0);
  expect(runImport(folder).status).toBe(0);
  expect(await count(databases.LOCAL_AUTHORITIES_DATABASE_URL, 'select count(*) as n from school')).toBe(2);
  expect(await count(databases.LOCAL_AUTHORITIES_DATABASE_URL, "select count(*) as n from school where name = 'Alpha Renamed'")).toBe(1);
});
