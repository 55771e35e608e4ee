import { fileURLToPath } from 'node:url';
import { loadTypeDefs } from '@tdg/kit/schema-file';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { readSubgraphInfo } from '@tdg/kit/subgraph-info';
import { access } from './access.ts';
import { entities } from './entities.ts';
import { importSpec } from './load/import-spec.ts';
import { type Loaders, createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/** Name, port, database: the `tdg` field of this subgraph's package.json. */
const info = readSubgraphInfo(new URL('../package.json', import.meta.url));

/** The curriculum-hubs subgraph: schema, resolvers, access rules, entities, migrations and load format. */
export const curriculumHubs: SubgraphPackage<Loaders> = {
  info,
  entities,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  module: {
    name: info.name,
    typeDefs: loadTypeDefs(new URL('../../../schema/curriculum-hubs.graphql', import.meta.url)),
    resolvers: resolvers as never,
    createLoaders,
    /** Region functions of the SDL's `@access` rules: every field's rule is enforced here (see the README). */
    access,
  },
  importSpec,
};

export default curriculumHubs;
