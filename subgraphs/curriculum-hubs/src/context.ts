import type { SubgraphContext } from '@tdg/kit/context';
import type { Loaders } from './loaders.ts';

/** What every resolver of the curriculum-hubs subgraph receives. */
export type Context = SubgraphContext<Loaders>;
