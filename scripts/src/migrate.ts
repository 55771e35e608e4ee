/** `npm run migrate [-- <subgraph>…]`: creates each subgraph's database when missing and applies its migrations. */
import { acquireDatabaseServer } from './database-server.ts';
import { openMigrated } from './open-subgraph-db.ts';
import { loadProjectConfig } from './project-config.ts';
import { selectPackages } from './subgraph-packages.ts';

const server = await acquireDatabaseServer(loadProjectConfig());
try {
  for (const pkg of selectPackages(process.argv.slice(2))) {
    const orm = await openMigrated(pkg, server.serverUrl);
    console.log(`[${pkg.info.name}] database up to date`);
    await orm.close();
  }
} finally {
  await server.release();
}
