import type { MikroORM } from '@mikro-orm/postgresql';
import { subgraphDatabaseUrl } from '@tdg/kit/database-url';
import { migrate, openOrm } from '@tdg/kit/orm';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';

/** Opens a subgraph's database on a server, creating it when missing and applying pending migrations. */
export async function openMigrated(pkg: SubgraphPackage, serverUrl: string, log: (line: string) => void = console.log): Promise<MikroORM> {
  const orm = await openOrm({ clientUrl: subgraphDatabaseUrl(pkg.info, serverUrl), entities: pkg.entities, migrationsPath: pkg.migrationsPath });
  const applied = await migrate(orm);
  if (applied.length > 0) log(`[${pkg.info.name}] applied ${applied.length} migration(s): ${applied.join(', ')}`);
  return orm;
}
