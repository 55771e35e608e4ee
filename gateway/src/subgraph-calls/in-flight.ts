/**
 * Identical subgraph reads in flight share one call: while a read with a given key is on its way, a second read with
 * the same key waits for the first one's answer instead of asking the subgraph again. Nothing is kept once the call
 * has answered (this is not a cache: a read that starts after an answer arrived asks again).
 */
export interface SharedAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly [string, string][];
  readonly body: string;
}

export class InFlightReads {
  private readonly pending = new Map<string, Promise<SharedAnswer>>();
  /** Reads answered by another caller's call (for tests and diagnostics). */
  shared = 0;

  /** Runs `call` for the first read with this key; later reads with the same key, while it runs, share its answer. */
  run(key: string, call: () => Promise<SharedAnswer>): Promise<SharedAnswer> {
    const running = this.pending.get(key);
    if (running) {
      this.shared += 1;
      return running;
    }
    const started = call().finally(() => this.pending.delete(key));
    this.pending.set(key, started);
    return started;
  }

  get size(): number {
    return this.pending.size;
  }
}
