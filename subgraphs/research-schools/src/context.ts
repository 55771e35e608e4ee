import type { SubgraphContext } from '@tdg/kit/context';
import type { Loaders } from './loaders.ts';

/** What every resolver of the research-schools subgraph receives. */
export type Context = SubgraphContext<Loaders>;
