import type { Identity } from '@tdg/kit/context';

/**
 * What the gateway knows of a request. The foundation serves reads anonymously; an authentication step fills
 * `identity` here, and the subgraph data source forwards it, without changes elsewhere.
 */
export interface GatewayContext {
  readonly identity: Identity | null;
}

export const anonymousContext = async (): Promise<GatewayContext> => ({ identity: null });
