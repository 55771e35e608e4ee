import { fileURLToPath } from 'node:url';
import { loadTypeDefs } from '@tdg/kit/schema-file';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { subgraphInfo } from '@tdg/kit/subgraph-registry';
import { access } from './access.ts';
import { entities } from './entities.ts';
import { importSpec } from './load/import-spec.ts';
import { type Loaders, createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/** The scitts subgraph: schema, resolvers, entities, migrations and load format. */
export const scitts: SubgraphPackage<Loaders> = {
  info: subgraphInfo('scitts'),
  entities,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  module: { name: 'scitts', typeDefs: loadTypeDefs('scitts'), resolvers: resolvers as never, createLoaders, access },
  importSpec,
};
