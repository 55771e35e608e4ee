import { fileURLToPath } from 'node:url';
import { loadTypeDefs } from '@tdg/kit/schema-file';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { subgraphInfo } from '@tdg/kit/subgraph-registry';
import { access } from './access.ts';
import { entities } from './entities.ts';
import { importSpec } from './load/import-spec.ts';
import { type Loaders, createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/**
 * The teaching-school-hubs subgraph: schema, resolvers, entities, migrations and load format; `access` holds the owner
 * and region functions of its `@access` rules, which the kit server enforces on every field.
 */
export const teachingSchoolHubs: SubgraphPackage<Loaders> = {
  info: subgraphInfo('teaching-school-hubs'),
  entities,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  module: { name: 'teaching-school-hubs', typeDefs: loadTypeDefs('teaching-school-hubs'), resolvers: resolvers as never, createLoaders, access },
  importSpec,
};
