import { fileURLToPath } from 'node:url';
import { loadTypeDefs } from '@tdg/kit/schema-file';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { readSubgraphInfo } from '@tdg/kit/subgraph-info';
import { access } from './access.ts';
import { entities } from './entities.ts';
import { importSpec } from './load/import-spec.ts';
import { type Loaders, createLoaders } from './loaders.ts';
import { schoolAreasRoute } from './modules/school/school-areas.route.ts';
import { resolvers } from './resolvers.ts';

/** Name, port, database: the `tdg` field of this subgraph's package.json. */
const info = readSubgraphInfo(new URL('../package.json', import.meta.url));

/** The local-authorities subgraph: schema, resolvers, entities, migrations and load format; it publishes the register's URN → LA lookup. */
export const localAuthorities: SubgraphPackage<Loaders> = {
  info,
  entities,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  module: { name: info.name, typeDefs: loadTypeDefs(new URL('../../../schema/local-authorities.graphql', import.meta.url)), resolvers: resolvers as never, createLoaders, access, routes: schoolAreasRoute },
  importSpec,
};

export default localAuthorities;
