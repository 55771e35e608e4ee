import { jest } from '@jest/globals';
import { signRequest } from '@tdg/kit/auth/signing';
import { type DelayingProxy, startDelayingProxy } from '../support/delaying-proxy.ts';
import { type ProcessFederation, startProcessFederation } from '../support/process-federation.ts';
import { TEST_ADMIN, TEST_SIGNING_SECRET } from '../support/subgraph-harness.ts';
import { demoFolder, overviewRequests } from './fixture.ts';
import { type GraphqlRequest, type Load, type RequestRecord, send, startLoad as startLoadLoops, tally, waitUntil } from './load.ts';
import { figures, report } from './report.ts';

/**
 * Faults of processes, on one federation of real processes (subgraphs and gateway as `node …/main.ts`) under load
 * from loops of the regional overview, which every subgraph answers part of. The gateway reaches scitts through a
 * delaying proxy (no delay unless a test sets one) with a 3 s timeout for it. In order: a subgraph killed, a slow
 * subgraph, a subgraph stopped with SIGTERM, the gateway stopped with SIGTERM.
 */
/** Long enough that a loaded CI machine never times scitts out by accident, short enough for the slow-subgraph test. */
const SCITTS_TIMEOUT_MS = 3000;
/** How long the slow-subgraph test holds scitts' answers back: a few of its timeouts. */
const SLOW_FOR_MS = 7000;
const DRAIN_MS = 2000;
const SHUTDOWN_TIMEOUT_MS = 15_000;

// Real processes on a shared machine: generous bounds (the assertions are about order and outcomes, not speed).
jest.setTimeout(300_000);

let fed: ProcessFederation;
let proxy: DelayingProxy;
let next: (i: number) => GraphqlRequest;

beforeAll(async () => {
  const { folder } = await demoFolder();
  next = await overviewRequests();
  fed = await startProcessFederation({
    folder,
    env: { SHUTDOWN_DRAIN_MS: String(DRAIN_MS), SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) },
    gatewayEnv: { SCITTS_TIMEOUT_MS: String(SCITTS_TIMEOUT_MS) },
    gatewayUrlFor: async (name, url, port) => {
      if (name !== 'scitts') return url;
      proxy = await startDelayingProxy({ port });
      return proxy.url();
    },
  });
}, 300_000);
/** Loads of the running test, stopped after it whatever happened. */
const loads: Load[] = [];
const startLoad: typeof startLoadLoops = (...args) => {
  const load = startLoadLoops(...args);
  loads.push(load);
  return load;
};
// Whatever a test left behind: loads stopped, no delay, every process running and the gateway ready again.
afterEach(async () => {
  await Promise.all(loads.splice(0).map((load) => load.stop()));
  if (!fed) return;
  proxy.delayMs = 0;
  for (const p of [...Object.values(fed.subgraphs), fed.gateway]) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) await p.start();
  }
  await waitUntil('/ready after the test', async () => (await fetch(`${fed.gatewayBase}/ready`)).status === 200, 30_000);
});
afterAll(async () => {
  await fed?.close();
  await proxy?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Polls `GET /ready` every 25 ms until the connection is refused: when it first answered 503, and when it was first
 * refused (the listener closed).
 */
function watchReadiness(base: string): Promise<{ first503At: number; refusedAt: number }> {
  return new Promise((resolve) => {
    let first503At = Number.POSITIVE_INFINITY;
    // A poll every 25 ms, each on its own (a slow answer does not hold the next back).
    const timer = setInterval(() => {
      const sentAt = Date.now();
      fetch(`${base}/ready`, { signal: AbortSignal.timeout(10_000) }).then(
        (response) => {
          if (response.status === 503) first503At = Math.min(first503At, sentAt);
          return response.body?.cancel();
        },
        (error) => {
          if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') {
            clearInterval(timer);
            // Polls sent before the refusal may still be answered: give them a moment.
            setTimeout(() => resolve({ first503At, refusedAt: sentAt }), 1000);
          }
        },
      );
    }, 25);
  });
}

/** A connection reset before any answer, opened once the drain was over: one the listener never accepted. */
const resetAtClose = (r: RequestRecord, signalledAt: number) => r.errors[0]?.code === 'ECONNRESET' && r.status === undefined && r.startedAt >= signalledAt + DRAIN_MS - 100;

const errorsOf = (records: readonly RequestRecord[]) => records.filter((r) => r.outcome === 'partial').flatMap((r) => r.errors);

test('a subgraph killed (SIGKILL) under load: partial answers naming it, the gateway up and /ready naming it, served again after restart', async () => {
  const load = startLoad(fed.gatewayUrl, next, { concurrency: 4 });
  await waitUntil('answers before the fault', () => load.records.filter((r) => r.outcome === 'answered').length >= 8, 60_000);

  const victim = fed.subgraphs['curriculum-hubs'];
  victim.signal('SIGKILL');
  await victim.exited();
  const killedAt = Date.now();
  await waitUntil('a partial answer after the kill', () => load.records.some((r) => r.startedAt > killedAt && r.outcome === 'partial'), 30_000);

  // While it is down: the gateway is alive, not ready, and says which subgraph is missing.
  expect((await fetch(`${fed.gatewayBase}/health`)).status).toBe(200);
  const ready = await fetch(`${fed.gatewayBase}/ready`);
  expect(ready.status).toBe(503);
  const readiness = (await ready.json()) as { subgraphs: { name: string; ready: boolean }[] };
  expect(readiness.subgraphs.filter((s) => !s.ready).map((s) => s.name)).toEqual(['curriculum-hubs']);
  // An answer while it is down: every other subgraph's figures, hub engagement null with an error naming its subgraph.
  const during = await send(fed.gatewayUrl, next(0));
  expect(during.outcome).toBe('partial');
  expect(new Set(during.errors.map((e) => `${e.code} ${e.serviceName}`))).toEqual(new Set(['SUBGRAPH_UNAVAILABLE curriculum-hubs']));
  await sleep(1000);

  await victim.start();
  const restartedAt = Date.now();
  const recoveryMs = await waitUntil('a full answer after the restart', () => load.records.some((r) => r.startedAt >= restartedAt && r.outcome === 'answered'), 15_000, 20);
  await waitUntil('/ready after the restart', async () => (await fetch(`${fed.gatewayBase}/ready`)).status === 200, 15_000);
  await sleep(500);
  const records = await load.stop();

  report(figures('subgraph killed (SIGKILL curriculum-hubs)', records, { recoverySeconds: recoveryMs / 1000 }));
  const counts = tally(records);
  // Every request got an answer: full, or partial while the subgraph was away; none failed or was refused.
  expect({ failed: counts.failed, refused: counts.refused }).toEqual({ failed: 0, refused: 0 });
  expect(counts.partial).toBeGreaterThan(0);
  expect(new Set(errorsOf(records).map((e) => `${e.code} ${e.serviceName}`))).toEqual(new Set(['SUBGRAPH_UNAVAILABLE curriculum-hubs']));
  expect(records.filter((r) => r.startedAt >= restartedAt + recoveryMs).every((r) => r.outcome === 'answered')).toBe(true);
  expect(fed.gateway.child.exitCode).toBeNull();
});

test('SIGTERM to a subgraph under load: /ready 503 first, requests in flight finish, then connections are refused, exit 0 in bounded time', async () => {
  const victim = fed.subgraphs['teaching-school-hubs'];
  // Straight at the subgraph, signed as the gateway signs: its own view of the requests in flight.
  const direct = startLoad(
    `${victim.base}/graphql`,
    () => ({ query: '{ teachingSchoolHubs { id name } }', sign: (body) => signRequest(TEST_SIGNING_SECRET, TEST_ADMIN, body) }),
    { concurrency: 4, ownConnections: true },
  );
  const viaGateway = startLoad(fed.gatewayUrl, next, { concurrency: 2, ownConnections: true });
  await waitUntil('answers before the fault', () => direct.records.filter((r) => r.outcome === 'answered').length >= 8, 60_000);

  const signalledAt = Date.now();
  const readiness = watchReadiness(victim.base);
  victim.signal('SIGTERM');
  await sleep(DRAIN_MS / 2);
  const healthDuringDrain = (await fetch(`${victim.base}/health`)).status;
  const exit = await victim.exited();
  const { first503At, refusedAt } = await readiness;
  const exitedAt = Date.now();
  const records = await direct.stop();
  const gatewayRecords = await viaGateway.stop();

  report(figures('subgraph SIGTERM (teaching-school-hubs) under load, direct callers', records, { notes: `exit ${exit.code} after ${exitedAt - signalledAt} ms (drain ${DRAIN_MS} ms)` }));
  report(figures('subgraph SIGTERM (teaching-school-hubs) under load, through the gateway', gatewayRecords));
  // Readiness went 503 first, while it still served (alive on /health), and well before the listener closed.
  expect(first503At).toBeLessThan(refusedAt);
  expect(healthDuringDrain).toBe(200);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(exitedAt - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
  const counts = tally(records);
  // Requests kept being served during the drain, then new connections were refused; none failed. (A connection
  // that reached the kernel's accept queue as the listener closed is reset before the process ever sees it: refused.)
  expect(records.filter((r) => r.outcome === 'failed' && !resetAtClose(r, signalledAt))).toEqual([]);
  expect(records.some((r) => r.startedAt > signalledAt + 100 && r.outcome === 'answered')).toBe(true);
  expect(counts.refused).toBeGreaterThan(0);
  const firstRefused = Math.min(...records.filter((r) => r.outcome === 'refused').map((r) => r.startedAt));
  expect(firstRefused).toBeGreaterThanOrEqual(signalledAt + DRAIN_MS - 50);
  // Through the gateway, every request was answered (in full, or without the stopped subgraph's part).
  expect(tally(gatewayRecords).failed).toBe(0);
  expect(new Set(errorsOf(gatewayRecords).map((e) => e.serviceName))).toEqual(new Set(errorsOf(gatewayRecords).length ? ['teaching-school-hubs'] : []));
});

test('SIGTERM to the gateway under load: /ready 503 first, requests in flight finish, then connections are refused, exit 0 in bounded time', async () => {
  // Each answer takes 0.8 s (scitts held back, within its timeout): requests are in flight when the listener closes.
  proxy.delayMs = 800;
  const load = startLoad(fed.gatewayUrl, next, { concurrency: 6, ownConnections: true });
  await waitUntil('answers before the fault', () => load.records.filter((r) => r.outcome === 'answered').length >= 6, 60_000);

  const signalledAt = Date.now();
  const readiness = watchReadiness(fed.gatewayBase);
  fed.gateway.signal('SIGTERM');
  const exit = await fed.gateway.exited();
  const { first503At, refusedAt } = await readiness;
  const exitedAt = Date.now();
  const records = await load.stop();
  proxy.delayMs = 0;

  const refused = records.filter((r) => r.outcome === 'refused');
  const closedAt = Math.min(...refused.map((r) => r.startedAt));
  const inFlightAtClose = records.filter((r) => r.startedAt < closedAt && r.endedAt > closedAt);
  report(figures('gateway SIGTERM under load', records, { notes: `exit ${exit.code} after ${exitedAt - signalledAt} ms (drain ${DRAIN_MS} ms); ${inFlightAtClose.length} in flight when the listener closed, all answered` }));
  expect(first503At).toBeLessThan(refusedAt);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(exitedAt - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
  // None failed: every request that reached the gateway was answered in full; the rest found the listener closed.
  expect(records.filter((r) => (r.outcome === 'failed' && !resetAtClose(r, signalledAt)) || r.outcome === 'partial')).toEqual([]);
  expect(refused.length).toBeGreaterThan(0);
  expect(closedAt).toBeGreaterThanOrEqual(signalledAt + DRAIN_MS - 50);
  // Requests in flight when the listener closed finished with their answers.
  expect(inFlightAtClose.length).toBeGreaterThan(0);
  expect(inFlightAtClose.every((r) => r.outcome === 'answered')).toBe(true);
});

test('a slow subgraph (a proxy holding its answers back): requests end at its timeout with the rest of the answer, no socket pile-up', async () => {
  const load = startLoad(fed.gatewayUrl, next, { concurrency: 4, requestTimeoutMs: 10_000 });
  await waitUntil('answers before the fault', () => load.records.filter((r) => r.outcome === 'answered').length >= 4, 60_000);
  const baseline = proxy.openConnections;

  // Never answers: every call to scitts must be given up at its timeout, and its socket closed.
  proxy.delayMs = Number.POSITIVE_INFINITY;
  const slowFrom = Date.now();
  let mostOpen = 0;
  while (Date.now() - slowFrom < SLOW_FOR_MS) {
    mostOpen = Math.max(mostOpen, proxy.openConnections);
    await sleep(50);
  }
  proxy.delayMs = 0;
  const healedAt = Date.now();
  const recoveryMs = await waitUntil('a full answer once scitts answers again', () => load.records.some((r) => r.startedAt >= healedAt && r.outcome === 'answered'), 15_000, 20);
  const records = await load.stop();
  await sleep(500);
  const openAfter = proxy.openConnections;

  report(figures(`slow subgraph (scitts never answers for ${SLOW_FOR_MS / 1000} s, timeout ${SCITTS_TIMEOUT_MS} ms)`, records, { recoverySeconds: recoveryMs / 1000, notes: `most open sockets to the proxy ${mostOpen} (before ${baseline}, after ${openAfter})` }));
  const slow = records.filter((r) => r.startedAt >= slowFrom && r.endedAt <= healedAt);
  // No request waited for ever (the load gives up at 10 s: that would be `failed`), none failed.
  expect(tally(records).failed).toBe(0);
  expect(slow.length).toBeGreaterThan(0);
  // Each ended when scitts' timeout ran out, with the other subgraphs' data and SUBGRAPH_TIMEOUT naming scitts.
  for (const r of slow) {
    expect(r.outcome).toBe('partial');
    expect(new Set(r.errors.map((e) => `${e.code} ${e.serviceName}`))).toEqual(new Set(['SUBGRAPH_TIMEOUT scitts']));
    expect(r.endedAt - r.startedAt).toBeGreaterThanOrEqual(SCITTS_TIMEOUT_MS - 100);
  }
  // Given-up calls close their sockets: never more open than the idle pool plus the requests in flight (4) and the
  // readiness checks; afterwards no more than before.
  expect(mostOpen).toBeLessThanOrEqual(baseline + 4 + 2);
  expect(openAfter).toBeLessThanOrEqual(baseline + 2);
});
