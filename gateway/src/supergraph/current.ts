import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { SubgraphEndpoint } from './subgraph-settings.ts';

/** The supergraph the gateway serves: its SDL, hash, when it was loaded, and its subgraphs' endpoints. */
export interface ServedSupergraph {
  readonly sdl: string;
  /** SHA-256 of the SDL, hex. */
  readonly hash: string;
  readonly loadedAt: Date;
  readonly subgraphs: readonly SubgraphEndpoint[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

type Listener = (served: ServedSupergraph, previous: ServedSupergraph | null) => void;

/**
 * The supergraph being served, for whatever depends on it (readiness, the response cache's subgraph list, plugins that
 * derive data from the schema): `current` is the last one Apollo Gateway accepted, and `onChange` tells subscribers
 * each time another is accepted (after the gateway switched to it; in-flight requests finish on the old one).
 */
export class CurrentSupergraph {
  private served: ServedSupergraph | null = null;
  private readonly events = new EventEmitter();

  get current(): ServedSupergraph | null {
    return this.served;
  }

  /** The endpoint of a subgraph of the served supergraph, if it has one by that name. */
  endpoint(name: string): SubgraphEndpoint | undefined {
    return this.served?.subgraphs.find((s) => s.name === name);
  }

  /** Calls `listener` after every change; returns a function that unsubscribes it. */
  onChange(listener: Listener): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  /** Records a newly served supergraph and tells the subscribers (a listener's error is logged, never thrown here). */
  set(served: ServedSupergraph): void {
    const previous = this.served;
    this.served = served;
    for (const listener of this.events.listeners('change') as Listener[]) {
      try {
        listener(served, previous);
      } catch (error) {
        console.error(`[gateway] a supergraph change listener failed: ${(error as Error).message}`);
      }
    }
  }
}

/** The supergraph record for an SDL the gateway accepted: its hash, now, and its subgraphs' endpoints. */
export function servedSupergraph(sdl: string, subgraphs: readonly SubgraphEndpoint[]): ServedSupergraph {
  return { sdl, hash: sha256(sdl), loadedAt: new Date(), subgraphs };
}
