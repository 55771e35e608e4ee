import { fileURLToPath } from 'node:url';
import { loadTypeDefs } from '@tdg/kit/schema-file';
import { readSubgraphInfo } from '@tdg/kit/subgraph-info';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { access } from './access.ts';
import { researchSchoolsDemoData } from './demo-data.ts';
import { entities } from './entities.ts';
import { importSpec } from './load/import-spec.ts';
import { type Loaders, createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

const info = readSubgraphInfo(new URL('../package.json', import.meta.url));

/** The research-schools subgraph: schema, resolvers, access rules, entities, migrations, load format and demo data. */
const researchSchools: SubgraphPackage<Loaders> = {
  info,
  entities,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  module: {
    name: info.name,
    typeDefs: loadTypeDefs(new URL('../../../schema/research-schools.graphql', import.meta.url)),
    resolvers: resolvers as never,
    createLoaders,
    /** Owner and region functions of the SDL's `@access` rules: every field's rule is enforced (see the README). */
    access,
  },
  importSpec,
  /** Its rows of the demo dataset, for every region (`npm start` writes and loads them). */
  demoData: researchSchoolsDemoData,
};
export default researchSchools;
