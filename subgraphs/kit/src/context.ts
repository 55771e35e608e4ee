import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Who makes a request. The foundation serves reads to anyone; the identity is carried now so that access control can
 * be added to the context function without changing resolvers' signatures.
 */
export interface Identity {
  /** Subject of the verified token. */
  readonly subject: string;
  /** Organisation acted for, e.g. `scitt:70245`. */
  readonly organisation?: string;
  /** Roles granted. */
  readonly roles: readonly string[];
}

/** What every resolver of a subgraph receives: a request-scoped EntityManager and request-scoped DataLoaders. */
export interface SubgraphContext<Loaders> {
  /** EntityManager forked for this request only. */
  readonly em: EntityManager;
  /** DataLoaders built for this request only, over `em`. */
  readonly loaders: Loaders;
  /** The caller, when known (null for anonymous requests). */
  readonly identity: Identity | null;
}
