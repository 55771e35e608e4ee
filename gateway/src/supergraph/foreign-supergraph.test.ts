import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@tdg/kit/config';
import { freePort } from '../../../test/support/free-port.ts';
import { TEST_SIGNING_SECRET } from '../../../test/support/subgraph-harness.ts';
import { PERSONAS, testAuthEnv, tokenFor } from '../../../test/support/tokens.ts';
import { composeToySupergraph, INVENTORY, REVIEWS, startToySubgraph, type ToySubgraph } from '../../../test/support/toy-subgraphs.ts';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../index.ts';
import { envPrefixOf, subgraphsOfSupergraph } from './subgraph-list.ts';

/**
 * The gateway serves a Federation 2 supergraph that is not this project's, with every plugin on (limits, rate limit,
 * introspection rules, signing): its subgraphs come from the supergraph, each routed to its routing URL unless
 * `<NAME>_URL` says otherwise.
 */
let inventory: ToySubgraph;
let reviews: ToySubgraph;
let folder: string;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  [inventory, reviews] = await Promise.all([startToySubgraph(INVENTORY), startToySubgraph(REVIEWS)]);
  folder = mkdtempSync(join(tmpdir(), 'tdg-foreign-'));
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await Promise.all([inventory?.close(), reviews?.close()]);
});

async function gatewayOver(supergraphSdl: string, env: Record<string, string> = {}): Promise<RunningGateway> {
  const path = join(folder, `supergraph-${gateways.length}.graphql`);
  writeFileSync(path, supergraphSdl);
  const gateway = await startGateway(
    loadGatewayConfig({ NODE_ENV: 'production', GATEWAY_PORT: String(await freePort()), SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET, SUPERGRAPH_PATH: path, ...(await testAuthEnv()), ...env }),
  );
  gateways.push(gateway);
  return gateway;
}

async function ask(gateway: RunningGateway, query: string) {
  const token = await tokenFor(PERSONAS.admin);
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const EVERYTHING = '{ products { upc name reviewCount } }';
const ANSWER = { products: [{ upc: '1', name: 'Table', reviewCount: 10 }, { upc: '2', name: 'Chair', reviewCount: 20 }] };

test('the subgraph list and environment prefixes come from the supergraph', () => {
  const sdl = composeToySupergraph([
    { ...INVENTORY, url: 'http://inventory.example/graphql' },
    { ...REVIEWS, url: 'http://reviews.example/graphql' },
  ]);
  expect(subgraphsOfSupergraph(sdl)).toEqual([
    { name: 'inventory-service', routingUrl: 'http://inventory.example/graphql' },
    { name: 'partnerReviews', routingUrl: 'http://reviews.example/graphql' },
  ]);
  expect(envPrefixOf('inventory-service')).toBe('INVENTORY_SERVICE');
  expect(envPrefixOf('partnerReviews')).toBe('PARTNER_REVIEWS');
  expect(envPrefixOf('local-authorities')).toBe('LOCAL_AUTHORITIES');
  expect(() => subgraphsOfSupergraph('type Query { a: Int }')).toThrow(/no join__Graph enum/);
});

test('subgraphs it has never heard of are routed to their routing URLs', async () => {
  const gateway = await gatewayOver(composeToySupergraph([inventory, reviews].map((t) => ({ ...t, url: t.url }))));
  const { status, body } = await ask(gateway, EVERYTHING);
  expect(status).toBe(200);
  expect(body).toEqual({ data: ANSWER });
  const ready = await fetch(gateway.url.replace(/graphql$/, 'ready'));
  expect(ready.status).toBe(200);
  const report = (await ready.json()) as { supergraph: { subgraphCount: number }; subgraphs: { name: string; url: string; ready: boolean }[] };
  expect(report.supergraph.subgraphCount).toBe(2);
  expect(report.subgraphs.map((s) => [s.name, s.url, s.ready])).toEqual([
    ['inventory-service', inventory.url, true],
    ['partnerReviews', reviews.url, true],
  ]);
});

test('<NAME>_URL overrides a routing URL (the name in upper snake case); the operation limits still apply', async () => {
  const dead = `http://127.0.0.1:${await freePort()}/graphql`;
  const gateway = await gatewayOver(composeToySupergraph([{ ...INVENTORY, url: dead }, { ...REVIEWS, url: dead }]), {
    INVENTORY_SERVICE_URL: inventory.url,
    PARTNER_REVIEWS_URL: reviews.url,
  });
  expect((await ask(gateway, EVERYTHING)).body).toEqual({ data: ANSWER });
  // Six aliases: over the anonymous tier's five.
  const aliases = `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: products { upc }`).join(' ')} }`;
  const anonymous = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: aliases }) });
  expect(anonymous.status).toBe(400);
  expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('ALIAS_LIMIT_EXCEEDED');
});

test('bad per-subgraph settings for the served supergraph are refused at start, every one listed', () => {
  const path = join(folder, 'bad-settings.graphql');
  writeFileSync(path, composeToySupergraph([{ ...INVENTORY, url: inventory.url }, { ...REVIEWS, url: reviews.url }]));
  const problems = (() => {
    try {
      loadGatewayConfig({ SUBGRAPH_SIGNING_SECRET: 'x'.repeat(32), JWT_SECRET: 'y'.repeat(32), JWT_ALGORITHM: 'HS256', SUPERGRAPH_PATH: path, INVENTORY_SERVICE_URL: 'not a url', PARTNER_REVIEWS_TIMEOUT_MS: '0' });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  })();
  expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['INVENTORY_SERVICE_URL', 'PARTNER_REVIEWS_TIMEOUT_MS']);
});
