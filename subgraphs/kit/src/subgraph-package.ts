import type { EntitySchema } from '@mikro-orm/postgresql';
import type { DemoDataHook } from './demo-data.ts';
import type { ImportSpec } from './load/spec.ts';
import type { SubgraphModule } from './server.ts';
import type { SubgraphInfo } from './subgraph-info.ts';

/**
 * Everything the shared commands (start, migrate, import, tests) need to know of one subgraph. Each subgraph's
 * `src/index.ts` exports one; a partner organisation copying a subgraph copies the folder that holds it.
 */
export interface SubgraphPackage<Loaders = unknown> {
  readonly info: SubgraphInfo;
  // biome-ignore lint/suspicious/noExplicitAny: entity schemas of any shape
  readonly entities: EntitySchema<any, any>[];
  /** Folder of its migration files. */
  readonly migrationsPath: string;
  readonly module: SubgraphModule<Loaders>;
  readonly importSpec: ImportSpec;
  /**
   * Its rows of the demo dataset, made from the generated register (`demo-data.ts`); `npm start` writes them into the
   * demo folder (when missing) and loads them. Subgraphs whose files the central generator writes leave it out.
   */
  readonly demoData?: DemoDataHook;
}
