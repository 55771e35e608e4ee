import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@tdg/kit/config';
import { buildInputs, inputsHash, readBuildInfo } from '@tdg/web/build';
import { EXAMPLE_VARIABLES } from '@tdg/web/src/shared/examples';
import { freePort } from '../../../test/support/free-port.ts';
import { type StubSubgraphs, startStubSubgraphs } from '../../../test/support/stub-subgraphs.ts';
import { TEST_SIGNING_SECRET } from '../../../test/support/subgraph-harness.ts';
import { testAuthEnv } from '../../../test/support/tokens.ts';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../index.ts';
import { loadPagesConfig } from './config.ts';

/**
 * The pages over HTTP (what a browser then does with them is test/explorer.browser.test.ts and
 * test/dashboard.browser.test.ts): where each is served, its Content-Security-Policy, the assets it names served by
 * the gateway, the development tokens outside production only, EXPLORER/DASHBOARD=off, and a bundle built from the
 * current sources.
 */
let stubs: StubSubgraphs;
const gateways: RunningGateway[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'tdg-pages-'));
const DEV_TOKENS = { issuer: 'i', audience: 'a', expiresAt: '2099-01-01T00:00:00Z', tokens: { admin: { description: 'administrator', identity: {}, token: 'x.y.z' } } };

async function gatewayWith(env: Record<string, string> = {}): Promise<RunningGateway> {
  const gateway = await startGateway(
    loadGatewayConfig({
      NODE_ENV: 'test',
      GATEWAY_PORT: String(await freePort()),
      SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
      DATA_DIR: dataDir,
      ...stubs.env,
      ...(await testAuthEnv()),
      ...env,
    }),
  );
  gateways.push(gateway);
  return gateway;
}

const origin = (g: RunningGateway) => g.url.replace(/\/graphql$/, '');
const browserGet = (url: string) => fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
/** Every script, style and preload a page names. */
const assetsOf = (html: string) => [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);

let dev: RunningGateway;
let production: RunningGateway;
beforeAll(async () => {
  stubs = await startStubSubgraphs();
  writeFileSync(join(dataDir, 'dev-tokens.json'), JSON.stringify(DEV_TOKENS));
  [dev, production] = await Promise.all([gatewayWith(), gatewayWith({ NODE_ENV: 'production' })]);
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await stubs?.close();
});

test('the bundle in web/dist was built from the current sources (npm install builds it; else npm run build -w web)', () => {
  expect(buildInputs()).toEqual(expect.arrayContaining(['web/src/explorer/main.tsx', 'schema/operations/regional-overview.graphql', 'package-lock.json']));
  expect(readBuildInfo()?.inputs).toBe(inputsHash());
});

describe.each([
  ['a browser GET of /graphql', '/graphql', 'Explorer'],
  ['/', '/', 'Explorer'],
  ['/dashboard', '/dashboard', 'Regional dashboard'],
])('%s', (_name, path, title) => {
  test('serves the page with a CSP that allows only the gateway itself, and every asset it names from the gateway', async () => {
    for (const gateway of [dev, production]) {
      const res = await browserGet(`${origin(gateway)}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/https?:|\*|'unsafe-eval'|blob:/);
      expect(csp.split('; ').filter((d) => d.includes('data:'))).toEqual(["font-src 'self' data:"]);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const html = await res.text();
      expect(html).toContain(`<title>${title}`);
      const assets = assetsOf(html);
      expect(assets.length).toBeGreaterThan(1);
      for (const asset of assets) {
        expect(asset).toMatch(/^\/pages\/assets\//);
        const a = await fetch(`${origin(gateway)}${asset}`);
        expect([asset, a.status]).toEqual([asset, 200]);
        expect(a.headers.get('cache-control')).toContain('immutable');
        await a.arrayBuffer();
      }
    }
  });
});

test('the page is told where GraphQL is, and outside production where the development tokens are', async () => {
  const settings = async (g: RunningGateway) => {
    const html = await (await browserGet(g.url)).text();
    const content = /<meta name="tdg-page" content="([^"]*)"/.exec(html)![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    return JSON.parse(content) as { graphqlPath: string; devTokensPath: string | null };
  };
  expect(await settings(dev)).toEqual({ graphqlPath: '/graphql', devTokensPath: '/pages/dev-tokens.json', explorer: true });
  expect(await settings(production)).toEqual({ graphqlPath: '/graphql', devTokensPath: null, explorer: true });
  expect(await (await fetch(`${origin(dev)}/pages/dev-tokens.json`)).json()).toEqual(DEV_TOKENS);
  expect((await fetch(`${origin(production)}/pages/dev-tokens.json`)).status).toBe(404);
});

test('GraphQL over GET and POST is untouched by the pages', async () => {
  const get = await fetch(`${dev.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': '1' } });
  expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  const post = await fetch(dev.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  expect(post.headers.get('content-security-policy')).toBeNull();
  expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
});

test('EXPLORER=off and DASHBOARD=off: no page, and /graphql answers a browser as GraphQL', async () => {
  const off = await gatewayWith({ NODE_ENV: 'production', EXPLORER: 'off', DASHBOARD: 'off' });
  const graphql = await browserGet(off.url);
  expect(graphql.status).toBe(400);
  expect(await graphql.text()).not.toContain('<html');
  for (const path of ['/', '/dashboard', '/pages/assets/x.js']) expect((await browserGet(`${origin(off)}${path}`)).status).toBe(404);
  const dashboardOnly = await gatewayWith({ EXPLORER: 'off' });
  expect((await browserGet(`${origin(dashboardOnly)}/dashboard`)).status).toBe(200);
  expect((await browserGet(`${origin(dashboardOnly)}/`)).status).toBe(404);
});

test('EXPLORER and DASHBOARD take on or off, each problem listed', () => {
  expect(loadPagesConfig({ NODE_ENV: 'production' })).toEqual({ explorer: true, dashboard: true, devTokensFile: null });
  expect(loadPagesConfig({ DATA_DIR: '/d' })).toEqual({ explorer: true, dashboard: true, devTokensFile: '/d/dev-tokens.json' });
  try {
    loadPagesConfig({ EXPLORER: 'no', DASHBOARD: 'yes' });
    throw new Error('accepted');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^EXPLORER: /), expect.stringMatching(/^DASHBOARD: /)]);
  }
});

test('assets outside the bundle are not served', async () => {
  for (const path of ['/pages/assets/../build-info.json', '/pages/assets/%2e%2e/%2e%2e/package.json', '/pages/assets/nothing.js']) {
    expect((await fetch(`${origin(dev)}${path}`)).status).toBe(404);
  }
});

test("the explorer's example variables are the README's examples (test/readme-examples.test.ts runs those on the demo data)", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const examples = [...readme.matchAll(/^q [a-z-]+ +'(\{.*\})' +([A-Za-z]+)$/gm)].map((m) => [m[2], JSON.parse(m[1])]);
  expect(examples.length).toBeGreaterThanOrEqual(7);
  expect(Object.fromEntries(examples)).toEqual(EXAMPLE_VARIABLES);
});
