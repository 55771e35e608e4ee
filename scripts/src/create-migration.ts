/**
 * `npm run migration:create -- <subgraph>`: writes a migration file for the difference between a subgraph's entities
 * and its migrations so far, computed against a scratch database that is dropped afterwards.
 */
import { openOrm } from '@tdg/kit/orm';
import { withDatabase } from '@tdg/kit/database-url';
import { startEmbeddedPostgres } from '@tdg/kit/embedded-postgres';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectPackages } from './subgraph-packages.ts';

const [pkg] = selectPackages(process.argv.slice(2, 3));
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'tdg-mig-')), 'pg'), port: 54398, persistent: false });
const server = process.env.DATABASE_URL ?? embedded!.serverUrl;
const scratch = withDatabase(server, `tdg_scratch_${pkg.info.databaseName}_${process.pid}`);
const orm = await openOrm({ clientUrl: scratch, entities: pkg.entities, migrationsPath: pkg.migrationsPath });
try {
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, false, (await orm.migrator.getExecuted()).length === 0);
  console.log(result.fileName ? `wrote ${pkg.migrationsPath}/${result.fileName}` : 'entities and migrations agree: nothing to write');
} finally {
  await orm.schema.dropDatabase();
  await orm.close();
  await embedded?.stop();
}
