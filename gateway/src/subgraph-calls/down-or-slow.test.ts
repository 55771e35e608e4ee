import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import { type DelayingProxy, startDelayingProxy } from '../../../test/support/delaying-proxy.ts';
import { freePort } from '../../../test/support/free-port.ts';
import { TEST_SIGNING_SECRET } from '../../../test/support/subgraph-harness.ts';
import { testAuthEnv } from '../../../test/support/tokens.ts';
import { added, composeToySupergraph, INVENTORY, REVIEWS, startToySubgraph, type ToySubgraph } from '../../../test/support/toy-subgraphs.ts';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../index.ts';

/**
 * A subgraph that is down or slow, through the real gateway over HTTP: `inventory-service` runs in this process,
 * `partnerReviews` as a process of its own (killed with SIGKILL and started again on its port), each behind a
 * delaying proxy (test/support/delaying-proxy.ts) that can hold answers back or reset connections.
 */
const PROCESS = fileURLToPath(new URL('../../../test/support/toy-subgraph-process.ts', import.meta.url));
let inventory: ToySubgraph;
let reviewsPort: number;
let reviews: ChildProcess | undefined;
let inventoryProxy: DelayingProxy;
let reviewsProxy: DelayingProxy;
let gateway: RunningGateway;
const REVIEWS_TIMEOUT_MS = 2000;

/** Starts the reviews subgraph process on its port, resolved once it has answered a first request (warm). */
async function startReviews(): Promise<ChildProcess> {
  const child = await new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, [PROCESS, 'reviews', String(reviewsPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().startsWith('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the reviews subgraph exited ${code}`)));
  });
  const warmUp = JSON.stringify({ query: '{ _entities(representations: [{ __typename: "Product", upc: "1" }]) { ... on Product { reviewCount } } }' });
  for (let i = 0; i < 3; i++) await fetch(`http://127.0.0.1:${reviewsPort}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: warmUp });
  return child;
}

async function killReviews() {
  reviews!.removeAllListeners('exit');
  const exited = new Promise((resolve) => reviews!.once('exit', resolve));
  reviews!.kill('SIGKILL');
  await exited;
  reviews = undefined;
}

type Answer = { data?: { products?: { upc: string; name?: string; reviewCount: number | null }[] } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function ask(query: string): Promise<Answer> {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as Answer;
}

const FULL = { products: [{ upc: '1', name: 'Table', reviewCount: 10 }, { upc: '2', name: 'Chair', reviewCount: 20 }] };
const WITHOUT_REVIEWS = { products: [{ upc: '1', name: 'Table', reviewCount: null }, { upc: '2', name: 'Chair', reviewCount: null }] };
const QUERY = '{ products { upc name reviewCount } }';
const errorsOf = (a: Answer) => a.errors?.map((e) => ({ code: e.extensions?.code, serviceName: e.extensions?.serviceName })) ?? [];

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  for (const end = Date.now() + timeoutMs; !(await condition()); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  inventory = await startToySubgraph(INVENTORY);
  reviewsPort = await freePort();
  reviews = await startReviews();
  inventoryProxy = await startDelayingProxy({ port: inventory.port });
  reviewsProxy = await startDelayingProxy({ port: reviewsPort });
  const path = join(mkdtempSync(join(tmpdir(), 'tdg-down-')), 'supergraph.graphql');
  writeFileSync(path, composeToySupergraph([{ ...INVENTORY, url: inventoryProxy.url() }, { ...REVIEWS, url: reviewsProxy.url() }]));
  gateway = await startGateway(
    loadGatewayConfig({
      NODE_ENV: 'production',
      GATEWAY_PORT: String(await freePort()),
      SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SUPERGRAPH_PATH: path,
      PARTNER_REVIEWS_TIMEOUT_MS: String(REVIEWS_TIMEOUT_MS),
      // Every call its own, so that concurrent identical reads each open a connection (none shared).
      SHARE_IN_FLIGHT_READS: 'false',
      ...(await testAuthEnv()),
    }),
  );
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([inventoryProxy?.close(), reviewsProxy?.close(), inventory?.close()]);
  if (reviews) await killReviews();
  jest.restoreAllMocks();
});

test('a subgraph killed: the rest of the answer with null where its fields were and SUBGRAPH_UNAVAILABLE naming it; served again once it is back', async () => {
  expect(await ask(QUERY)).toEqual({ data: FULL });
  await killReviews();

  const down = await ask(QUERY);
  expect(down.data).toEqual(WITHOUT_REVIEWS);
  expect(errorsOf(down)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'partnerReviews' }]);
  expect(down.errors![0].message).toBe('The partnerReviews subgraph is unavailable');
  // The gateway stays up and says which subgraph is missing.
  expect((await fetch(gateway.url.replace(/graphql$/, 'health'))).status).toBe(200);
  const ready = await fetch(gateway.url.replace(/graphql$/, 'ready'));
  expect(ready.status).toBe(503);
  const report = (await ready.json()) as { subgraphs: { name: string; ready: boolean; error?: string }[] };
  expect(report.subgraphs.map((s) => [s.name, s.ready])).toEqual([
    ['inventory-service', true],
    ['partnerReviews', false],
  ]);

  reviews = await startReviews();
  expect(await ask(QUERY)).toEqual({ data: FULL });
  expect((await fetch(gateway.url.replace(/graphql$/, 'ready'))).status).toBe(200);
});

test('a slow subgraph: SUBGRAPH_TIMEOUT naming it after its own timeout, never sent again, its sockets closed; served again when it speeds up', async () => {
  expect(await ask(QUERY)).toEqual({ data: FULL });
  const idle = reviewsProxy.openConnections;
  const requestsBefore = reviewsProxy.requests;
  reviewsProxy.delayMs = 30_000;
  const slow = await Promise.all(Array.from({ length: 4 }, () => ask(QUERY)));
  for (const answer of slow) {
    expect(answer.data).toEqual(WITHOUT_REVIEWS);
    expect(errorsOf(answer)).toEqual([{ code: 'SUBGRAPH_TIMEOUT', serviceName: 'partnerReviews' }]);
    expect(answer.errors![0].message).toBe(`The partnerReviews subgraph did not answer within ${REVIEWS_TIMEOUT_MS} ms`);
  }
  // Four calls (on a loaded machine one may time out before it was even sent), none sent again after its timeout.
  expect(reviewsProxy.requests - requestsBefore).toBeGreaterThan(0);
  expect(reviewsProxy.requests - requestsBefore).toBeLessThanOrEqual(4);
  // The timed-out calls' sockets were closed by the gateway: none left waiting on the slow subgraph.
  await waitFor(() => reviewsProxy.openConnections <= idle);
  expect(reviewsProxy.openConnections).toBeLessThanOrEqual(idle);

  reviewsProxy.delayMs = 0;
  expect(await ask(QUERY)).toEqual({ data: FULL });
});

test('a read whose connection breaks is sent once more and answers whole', async () => {
  expect(await ask(QUERY)).toEqual({ data: FULL });
  const connections = reviewsProxy.totalConnections;
  // As when a subgraph restarts: the kept-alive connections break, and the next new one is reset as well.
  reviewsProxy.resetAll();
  reviewsProxy.resetNext(1);
  expect(await ask(QUERY)).toEqual({ data: FULL });
  expect(reviewsProxy.totalConnections - connections).toBe(2);
});

test('a mutation whose connection breaks is never sent again: SUBGRAPH_UNAVAILABLE, nothing written', async () => {
  expect(await ask('mutation { addProduct(name: "Lamp") }')).toEqual({ data: { addProduct: added.count } });
  const before = added.count;
  const connections = inventoryProxy.totalConnections;
  inventoryProxy.resetAll();
  inventoryProxy.resetNext(1);
  const answer = await ask('mutation { addProduct(name: "Stool") }');
  expect(answer.data).toBeNull();
  expect(errorsOf(answer)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'inventory-service' }]);
  expect(inventoryProxy.totalConnections - connections).toBe(1);
  expect(added.count).toBe(before);
});
