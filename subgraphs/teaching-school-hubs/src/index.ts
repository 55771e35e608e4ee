import { fileURLToPath } from 'node:url';
import { loadTypeDefs } from '@tdg/kit/schema-file';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { readSubgraphInfo } from '@tdg/kit/subgraph-info';
import { access } from './access.ts';
import { entities } from './entities.ts';
import { importSpec } from './load/import-spec.ts';
import { type Loaders, createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/**
 * The teaching-school-hubs subgraph: schema, resolvers, entities, migrations and load format; `access` holds the owner
 * and region functions of its `@access` rules, which the kit server enforces on every field.
 */

/** Name, port, database: the `tdg` field of this subgraph's package.json. */
const info = readSubgraphInfo(new URL('../package.json', import.meta.url));

export const teachingSchoolHubs: SubgraphPackage<Loaders> = {
  info,
  entities,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  module: { name: info.name, typeDefs: loadTypeDefs(new URL('../../../schema/teaching-school-hubs.graphql', import.meta.url)), resolvers: resolvers as never, createLoaders, access },
  importSpec,
};

export default teachingSchoolHubs;
