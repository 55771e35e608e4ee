import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server that holds back what the server answers: every chunk of the answer reaches
 * the client `delayMs` after the server sent it (in order; `Infinity`: never). The request goes through at once. The
 * delay can change while it runs. It counts the client connections open, so a test can tell whether a caller that gave
 * up closed its socket.
 */
export interface DelayingProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port><path>` (path `/graphql` by default). */
  url(path?: string): string;
  /** Milliseconds an answer is held back; `Infinity`: answers are never delivered; 0: a plain proxy. */
  delayMs: number;
  /** Client connections open right now. */
  readonly openConnections: number;
  /** Client connections accepted so far. */
  readonly totalConnections: number;
  /** HTTP/1.1 requests sent through to the server so far (request lines seen). */
  readonly requests: number;
  /** Resets every connection open now (as a server that restarts): clients' kept-alive sockets break. */
  resetAll(): void;
  /** The next `count` connections are reset as soon as they are accepted (the client sees ECONNRESET / socket hang up). */
  resetNext(count: number): void;
  /** Closes every connection and stops listening. */
  close(): Promise<void>;
}

export interface DelayingProxyOptions {
  readonly delayMs?: number;
  /** Port to listen on (any free one by default). */
  readonly port?: number;
}

export async function startDelayingProxy(target: { host?: string; port: number }, options: DelayingProxyOptions = {}): Promise<DelayingProxy> {
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let total = 0;
  let resets = 0;
  let requests = 0;
  const state = { delayMs: options.delayMs ?? 0 };
  const server = createServer((client) => {
    total += 1;
    if (resets > 0) {
      resets -= 1;
      client.resetAndDestroy();
      return;
    }
    sockets.add(client);
    clients.add(client);
    const upstream = createConnection({ host: target.host ?? '127.0.0.1', port: target.port });
    sockets.add(upstream);
    // Chunks from the server are released in order, each once its own delay has passed; then the server's end.
    let released = Promise.resolve();
    const later = (at: number, step: () => void) => {
      released = released.then(
        () =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              timers.delete(timer);
              if (!client.destroyed) step();
              resolve();
            }, Math.max(0, at - Date.now()));
            timers.add(timer);
          }),
      );
    };
    upstream.on('data', (chunk) => {
      if (Number.isFinite(state.delayMs)) later(Date.now() + state.delayMs, () => client.write(chunk));
    });
    client.on('data', (chunk: Buffer) => {
      requests += chunk.toString('latin1').match(/^[A-Z]+ \S+ HTTP\/1\.[01]\r$/gm)?.length ?? 0;
      upstream.write(chunk);
    });
    const closeBoth = () => {
      sockets.delete(client);
      clients.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    // The server closing its side: the client's is closed once everything held back has been delivered.
    upstream.on('end', () => {
      // Never delivering (Infinity): the client is left waiting until it gives up, like a server that hangs.
      if (Number.isFinite(state.delayMs)) later(Date.now(), () => client.end());
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: (path = '/graphql') => `http://127.0.0.1:${port}${path}`,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    get openConnections() {
      return clients.size;
    },
    get totalConnections() {
      return total;
    },
    get requests() {
      return requests;
    },
    resetAll: () => {
      for (const client of clients) client.resetAndDestroy();
    },
    resetNext: (count) => {
      resets = count;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
