/**
 * `@tdg/kit` — build a subgraph of the teacher development graph: `defineSubgraph` gathers what makes one (its
 * package's `tdg` field, SDL, entities, migrations, resolvers, per-request loaders, `@access` functions, CSV load),
 * `runSubgraph` serves it as a process, `runLoad` loads a folder of its CSV files. The other entry points (`@tdg/kit/server`, `/auth`, `/orm`, `/loaders`,
 * `/import`, `/audit`, `/write`, `/errors`, `/config`, `/sql`) hold the parts; see README.md.
 */
import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { EntitySchema } from '@mikro-orm/postgresql';
import { AuditEntrySchema } from './audit/audit-entry.entity.ts';
import type { AccessFunctions } from './auth/access.ts';
import type { SubgraphContext } from './context.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ImportSpec } from './load/spec.ts';
import { loadTypeDefs } from './schema-file.ts';
import { readSubgraphInfo } from './subgraph-info.ts';
import type { SubgraphPackage } from './subgraph-package.ts';

export { type RunOptions, runSubgraph } from './main.ts';
export { runLoad } from './load-command.ts';
export type { SubgraphContext } from './context.ts';
export { type SubgraphInfo, readSubgraphInfo } from './subgraph-info.ts';
export type { SubgraphPackage } from './subgraph-package.ts';

export interface SubgraphDefinition<Loaders> {
  /** The subgraph's `package.json`, whose `tdg` field names it and gives its port and database. */
  readonly packageJson: URL | string;
  /** Its SDL file (the one the graph's `schema/supergraph.yaml` composes, or introspects from the running subgraph). */
  readonly schema: URL | string;
  /** Folder of its migration files (MikroORM; the first creates `audit_entry`: `AUDIT_ENTRY_TABLE_SQL`). */
  readonly migrations: URL | string;
  /** Its entity schemas (the audit entry is added). */
  // biome-ignore lint/suspicious/noExplicitAny: entity schemas of any shape
  readonly entities: EntitySchema<any, any>[];
  // biome-ignore lint/suspicious/noExplicitAny: resolver maps are typed where they are written
  readonly resolvers: GraphQLResolverMap<any>;
  /** This request's DataLoaders over this request's EntityManager. */
  readonly createLoaders: (em: EntityManager) => Loaders;
  /** Owner and region functions its `@access` rules name: every field's rule is then enforced. */
  readonly access?: AccessFunctions<SubgraphContext<Loaders>>;
  /** Its CSV load (`npm run import`); none by default. */
  readonly importSpec?: ImportSpec;
}

const pathOf = (p: URL | string) => (p instanceof URL ? fileURLToPath(p) : p);

/** A subgraph package from its parts (what `runSubgraph`, the graph's commands and its tests need). */
export function defineSubgraph<Loaders>(d: SubgraphDefinition<Loaders>): SubgraphPackage<Loaders> {
  const info = readSubgraphInfo(d.packageJson);
  return {
    info,
    entities: d.entities.includes(AuditEntrySchema) ? d.entities : [...d.entities, AuditEntrySchema],
    migrationsPath: pathOf(d.migrations),
    module: { name: info.name, typeDefs: loadTypeDefs(d.schema), resolvers: d.resolvers, createLoaders: d.createLoaders, access: d.access },
    importSpec: d.importSpec ?? { subgraph: info.name, files: [], apply: async () => undefined },
  };
}
