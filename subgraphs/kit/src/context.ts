import type { Identity } from './auth/identity.ts';
import type { EntityManager } from '@mikro-orm/postgresql';

/** What every resolver of a subgraph receives: a request-scoped EntityManager and request-scoped DataLoaders. */
export interface SubgraphContext<Loaders> {
  /** EntityManager forked for this request only. */
  readonly em: EntityManager;
  /** DataLoaders built for this request only, over `em`. */
  readonly loaders: Loaders;
  /** The caller as the gateway verified and forwarded it, signed (null for anonymous requests). */
  readonly identity: Identity | null;
}

export type { Identity };
