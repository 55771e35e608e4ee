import { fileURLToPath } from 'node:url';
import { loadTypeDefs } from '@tdg/kit/schema-file';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { subgraphInfo } from '@tdg/kit/subgraph-registry';
import { access } from './access.ts';
import { entities } from './entities.ts';
import { importSpec } from './load/import-spec.ts';
import { type Loaders, createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/** The curriculum-hubs subgraph: schema, resolvers, access rules, entities, migrations and load format. */
export const curriculumHubs: SubgraphPackage<Loaders> = {
  info: subgraphInfo('curriculum-hubs'),
  entities,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  module: {
    name: 'curriculum-hubs',
    typeDefs: loadTypeDefs('curriculum-hubs'),
    resolvers: resolvers as never,
    createLoaders,
    /** Region functions of the SDL's `@access` rules: every field's rule is enforced here (see the README). */
    access,
  },
  importSpec,
};
