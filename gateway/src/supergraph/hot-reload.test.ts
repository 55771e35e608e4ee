import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { startDelayingProxy } from '../../../test/support/delaying-proxy.ts';
import { freePort } from '../../../test/support/free-port.ts';
import { TEST_SIGNING_SECRET } from '../../../test/support/subgraph-harness.ts';
import { testAuthEnv } from '../../../test/support/tokens.ts';
import { composeToySupergraph, INVENTORY, REVIEWS, startToySubgraph, type ToySubgraph } from '../../../test/support/toy-subgraphs.ts';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../index.ts';
import { sha256 } from './current.ts';

/**
 * Hot reload: the running gateway follows its supergraph file (rewritten in place or replaced by a rename) within a
 * few seconds, refuses one that fails Apollo's checks and keeps serving the old, and lets requests already executing
 * finish on the old schema.
 */
let inventory: ToySubgraph;
let reviews: ToySubgraph;
let folder: string;
let gateway: RunningGateway;
let path: string;
const logs: string[] = [];

const oneSubgraph = () => composeToySupergraph([inventory]);
const twoSubgraphs = (reviewsUrl = reviews.url) => composeToySupergraph([inventory, { ...reviews, url: reviewsUrl }]);

/** Replaces the file the way editors and deploy tools do: write a temporary file beside it, rename it over. */
function replaceAtomically(content: string) {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

async function servedHash(expected: string, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  while (gateway.supergraph.current?.hash !== expected) {
    if (performance.now() - started > timeoutMs) throw new Error(`still serving ${gateway.supergraph.current?.hash}, not ${expected}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Math.round(performance.now() - started);
}

async function ask(query: string) {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const ready = async () => (await (await fetch(gateway.url.replace(/graphql$/, 'ready'))).json()) as { supergraph: { hash: string; subgraphCount: number; refused?: { hash: string; reason: string } } };

beforeAll(async () => {
  [inventory, reviews] = await Promise.all([startToySubgraph(INVENTORY), startToySubgraph(REVIEWS)]);
  folder = mkdtempSync(join(tmpdir(), 'tdg-reload-'));
  path = join(folder, 'supergraph.graphql');
  writeFileSync(path, oneSubgraph());
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    GATEWAY_PORT: String(await freePort()),
    SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SUPERGRAPH_PATH: path,
    SUPERGRAPH_POLL_MS: '1000',
    ...(await testAuthEnv()),
  });
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logs.push(args.join(' ')));
  gateway = await startGateway(config);
});
afterAll(async () => {
  jest.restoreAllMocks();
  await gateway?.close();
  await Promise.all([inventory?.close(), reviews?.close()]);
});

test('a new supergraph written over the file is served within seconds, without restart; the old one again after', async () => {
  expect(await ask('{ products { upc name } }')).toEqual({ data: { products: [{ upc: '1', name: 'Table' }, { upc: '2', name: 'Chair' }] } });
  expect((await ask('{ products { reviewCount } }')).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const first = gateway.supergraph.current!;

  const two = twoSubgraphs();
  const changes: string[] = [];
  const unsubscribe = gateway.supergraph.onChange((served, previous) => changes.push(`${previous?.hash}->${served.hash}`));
  replaceAtomically(two);
  const tookMs = await servedHash(sha256(two));
  console.log(`supergraph replaced by a rename: served after ${tookMs} ms`);
  expect(changes).toEqual([`${first.hash}->${sha256(two)}`]);
  expect(await ask('{ products { upc reviewCount } }')).toEqual({ data: { products: [{ upc: '1', reviewCount: 10 }, { upc: '2', reviewCount: 20 }] } });
  const report = await ready();
  expect(report.supergraph).toMatchObject({ hash: sha256(two), subgraphCount: 2 });

  // Rewritten in place (as `npm run compose` does), back to one subgraph.
  writeFileSync(path, oneSubgraph());
  console.log(`supergraph rewritten in place: served after ${await servedHash(sha256(oneSubgraph()))} ms`);
  expect((await ask('{ products { reviewCount } }')).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect((await ready()).supergraph.subgraphCount).toBe(1);
  unsubscribe();
});

test('a supergraph that does not parse, or fails Apollo validation, is refused with the reason; the old one keeps serving', async () => {
  const served = gateway.supergraph.current!.hash;
  logs.length = 0;
  // Not GraphQL at all.
  replaceAtomically('schema @link(url: "https://specs.apollo.dev/link/v1.0" {');
  await waitFor(async () => (await ready()).supergraph.refused !== undefined);
  expect((await ready()).supergraph.refused?.reason).toMatch(/Syntax Error/);
  expect(logs.some((l) => /refused the supergraph .* Syntax Error/.test(l))).toBe(true);
  expect(gateway.supergraph.current!.hash).toBe(served);
  expect(await ask('{ products { upc } }')).toEqual({ data: { products: [{ upc: '1' }, { upc: '2' }] } });

  // Parses, but a key names a field its subgraph does not have: Apollo's supergraph validation fails.
  const invalid = twoSubgraphs().replace('@join__type(graph: PARTNERREVIEWS, key: "upc")', '@join__type(graph: PARTNERREVIEWS, key: "nope")');
  expect(invalid).not.toBe(twoSubgraphs());
  replaceAtomically(invalid);
  await waitFor(async () => (await ready()).supergraph.refused?.hash === sha256(invalid));
  expect((await ready()).supergraph.refused?.reason).toMatch(/nope/);
  expect(gateway.supergraph.current!.hash).toBe(served);
  expect(await ask('{ products { upc } }')).toEqual({ data: { products: [{ upc: '1' }, { upc: '2' }] } });

  // A good one after: served, and nothing is reported refused any more.
  const two = twoSubgraphs();
  replaceAtomically(two);
  await servedHash(sha256(two));
  expect((await ready()).supergraph.refused).toBeUndefined();
});

test('a request already executing finishes on the old supergraph', async () => {
  // Reviews behind a proxy that holds its answers back 1.5 s: the request is in flight while the supergraph changes.
  const proxy = await startDelayingProxy({ port: reviews.port }, { delayMs: 1500 });
  try {
    const slow = twoSubgraphs(proxy.url());
    replaceAtomically(slow);
    await servedHash(sha256(slow));
    const inFlight = ask('{ products { upc reviewCount } }');
    await waitFor(async () => proxy.totalConnections > 0);
    replaceAtomically(oneSubgraph());
    await servedHash(sha256(oneSubgraph()));
    expect(await inFlight).toEqual({ data: { products: [{ upc: '1', reviewCount: 10 }, { upc: '2', reviewCount: 20 }] } });
    expect((await ask('{ products { reviewCount } }')).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  } finally {
    await proxy.close();
  }
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  for (const end = Date.now() + timeoutMs; !(await condition()); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
