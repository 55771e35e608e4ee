import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ConfigError, nodeEnvVar, parseEnv } from './config.ts';

/**
 * Graceful stop of a server process (the gateway and every subgraph), in the order a load balancer needs:
 *
 * 1. SIGTERM: `/ready` answers 503 `{ status: "draining" }` at once and every answer carries `Connection: close`, so
 *    load balancers and callers stop choosing this process and stop reusing its connections; requests still arriving
 *    are served as usual.
 * 2. After `SHUTDOWN_DRAIN_MS` (the time a load balancer takes to notice), the listener closes: new connections are
 *    refused and go to another replica; requests in flight finish.
 * 3. The process exits 0 when they have; at `SHUTDOWN_TIMEOUT_MS` after the signal it exits 1 whatever is left.
 *
 * SIGINT (Ctrl-C at a terminal) skips the drain delay.
 */
export interface ShutdownConfig {
  /** Time between readiness going 503 and the listener closing (0 outside production unless set). */
  readonly drainMs: number;
  /** Hard bound from the signal to the exit. */
  readonly timeoutMs: number;
}

export function loadShutdownConfig(env: NodeJS.ProcessEnv = process.env): ShutdownConfig {
  const e = parseEnv(
    z.object({
      NODE_ENV: nodeEnvVar,
      SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(300_000).optional(),
      SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(20_000),
    }),
    env,
  );
  const drainMs = e.SHUTDOWN_DRAIN_MS ?? (e.NODE_ENV === 'production' ? 5000 : 0);
  if (drainMs >= e.SHUTDOWN_TIMEOUT_MS) {
    throw new ConfigError([`SHUTDOWN_DRAIN_MS: must be less than SHUTDOWN_TIMEOUT_MS (${e.SHUTDOWN_TIMEOUT_MS}), the bound from the signal to the exit`]);
  }
  return { drainMs, timeoutMs: e.SHUTDOWN_TIMEOUT_MS };
}

/** Whether a server is draining, shared by its `/ready` route and its answers. */
export interface Drain {
  readonly draining: boolean;
  /** Readiness 503 and `Connection: close` on every answer from now on. */
  start(): void;
}

/**
 * Registers the draining behaviour on a server (before its routes): while draining, `GET /ready` answers 503
 * `{ status: "draining" }` and every answer closes its connection after it is sent.
 */
export function registerDrain(app: FastifyInstance, readyPath = '/ready'): Drain {
  let draining = false;
  app.addHook('onRequest', async (request, reply) => {
    if (draining && request.method === 'GET' && request.routeOptions.url === readyPath) {
      return reply.code(503).header('connection', 'close').send({ status: 'draining' });
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (draining) reply.header('connection', 'close');
    return payload;
  });
  return {
    get draining() {
      return draining;
    },
    start: () => {
      draining = true;
    },
  };
}

export interface Stoppable {
  /** Readiness 503, connections closed after their answers. */
  startDraining(): void;
  /** Closes the listener and waits for requests in flight. */
  close(): Promise<void>;
}

/**
 * Stops a process gracefully on SIGTERM (with the drain delay) and SIGINT (without): see the top of this file.
 * `cleanup` runs after the server has closed (e.g. the database pool).
 */
export function stopGracefullyOnSignals(name: string, server: Stoppable, config: ShutdownConfig, cleanup: () => Promise<void> = async () => undefined): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    const bound = setTimeout(() => {
      console.error(`[${name}] still busy ${config.timeoutMs} ms after ${signal}: exiting`);
      process.exit(1);
    }, config.timeoutMs);
    bound.unref();
    server.startDraining();
    const drainMs = signal === 'SIGTERM' ? config.drainMs : 0;
    if (drainMs > 0) {
      console.log(`[${name}] ${signal}: draining for ${drainMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, drainMs));
    }
    try {
      await server.close();
      await cleanup();
    } catch (error) {
      console.error(`[${name}] error while stopping: ${(error as Error).message}`);
      process.exit(1);
    }
    console.log(`[${name}] stopped after ${signal} in ${Date.now() - started} ms`);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
