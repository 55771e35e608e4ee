import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { DEV_PERSONAS } from '../scripts/src/dev-tokens.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { tokenFor } from './support/tokens.ts';

/**
 * The explorer in headless Chromium against the real federation on test data: it loads with no request leaving the
 * machine and no CSP violation, offers the development tokens by role, shows the schema's descriptions, has the named
 * operations of schema/operations/ as tabs, and runs one with a picked token, answering what the gateway answers.
 */
/** A browser on a shared 2-core machine: 5 minutes for each step. */
const STEP = 300_000;

let fed: TestFederation;
let browser: Browser;
const devTokens: Record<string, string> = {};

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tdg-explorer-'));
  await writeDemoData(generateDemoData({ size: 'small', seed: 1 }), folder);
  // The development tokens as npm start writes them, signed with the test key the gateway verifies.
  const dataDir = mkdtempSync(join(tmpdir(), 'tdg-explorer-data-'));
  const tokens: Record<string, unknown> = {};
  for (const p of DEV_PERSONAS) {
    devTokens[p.name] = await tokenFor(p.identity);
    tokens[p.name] = { description: p.description, identity: p.identity, token: devTokens[p.name] };
  }
  writeFileSync(join(dataDir, 'dev-tokens.json'), JSON.stringify({ issuer: 'test', audience: 'test', expiresAt: '', tokens }));
  [fed, browser] = await Promise.all([startFederation(folder, { DATA_DIR: dataDir }), launchBrowser()]);
}, STEP);
afterAll(async () => {
  await browser?.close();
  await fed?.close();
}, STEP);

test('loads from the gateway alone, signs in with a development token and runs a named operation', async () => {
  const page = await browser.newPage();
  const response = await page.goto(fed.gatewayUrl);
  expect(response!.headers()['content-security-policy']).toContain("default-src 'self'");
  // The named operations of schema/operations/ are the tabs.
  await page.waitForSelector('.graphiql-tab');
  const titles = await page.locator('.graphiql-tab').allInnerTexts();
  for (const name of ['RegionalOverview', 'ColdSpots', 'LocalAuthorityColdSpots', 'GrowingOurOwn', 'SchoolGoldenThread', 'TeacherGoldenThread', 'SupportAndEngagement']) {
    expect(titles.join(' ')).toContain(name);
  }
  // The first tab, RegionalOverview for region A, 2023; no token yet: the sign-in panel is open; pick the national
  // analyst's development token (it goes into the headers the operation is sent with).
  await page.locator('.graphiql-tab').first().click();
  await page.getByLabel('Development token').selectOption('national-analyst');
  await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('Token set'));
  const answer = page.waitForResponse((r) => r.url() === fed.gatewayUrl && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('RegionalOverview'));
  await page.locator('.graphiql-execute-button').click();
  const res = await answer;
  const sent = res.request();
  expect(sent.headers().authorization).toBe(`Bearer ${devTokens['national-analyst']}`);
  const body = JSON.parse(sent.postData()!);
  expect(body.variables).toEqual({ regionCode: 'A', academicYear: 2023 });
  const expected = await fed.query(body.query, body.variables, 'RegionalOverview', devTokens['national-analyst']);
  expect(expected.errors).toBeUndefined();
  expect(await res.json()).toEqual(expected);
  const regionName = (expected.data as { region: { name: string } }).region.name;
  await page.locator('.result-window').getByText(regionName).first().waitFor();
  // The schema's descriptions, in the documentation explorer.
  const sdl = parse(readFileSync(join(import.meta.dirname, '../schema/supergraph.graphql'), 'utf8'));
  const query = sdl.definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query');
  const described = query && 'fields' in query ? query.fields!.find((f) => f.name.value === 'region')!.description!.value : '';
  expect(described.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: /documentation explorer/i }).click();
  await page.getByText('Query', { exact: true }).first().click();
  await page.getByText(described.slice(0, 30)).first().waitFor();
  await browser.screenshot(page, 'explorer', false);
  expect(browser.offMachine()).toEqual([]);
  expect(browser.problems).toEqual([]);
}, STEP);

test("a dashboard panel's link opens its operation in a tab of its own, with the panel's variables", async () => {
  const page = await browser.newPage();
  const variables = { regionCode: 'B', fromYear: 2022, toYear: 2023, first: 5 };
  await page.goto(`${fed.gatewayUrl}#${new URLSearchParams({ operation: 'ColdSpots', variables: JSON.stringify(variables) })}`);
  await page.waitForSelector('.graphiql-tab-active');
  expect(await page.locator('.graphiql-tab-active').textContent()).toContain('ColdSpots');
  // GraphiQL keeps the open side panel (the docs, since the test above) in localStorage: open "Sign in" again.
  if (!(await page.getByLabel('Development token').isVisible())) await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByLabel('Development token').selectOption('regional-analyst');
  await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('Token set'));
  const answer = page.waitForResponse((r) => r.url() === fed.gatewayUrl && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('ColdSpots'));
  await page.locator('.graphiql-execute-button').click();
  const res = await answer;
  expect(JSON.parse(res.request().postData()!).variables).toEqual(variables);
  // A regional analyst of region A may not read region B's aggregates: the refusal is the gateway's, shown as it is.
  const expected = await fed.query(JSON.parse(res.request().postData()!).query, variables, 'ColdSpots', devTokens['regional-analyst']);
  expect(expected.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await res.json()).toEqual(expected);
  await page.locator('.result-window').getByText('FORBIDDEN').first().waitFor();
  await browser.screenshot(page, 'explorer-linked', false);
  expect(browser.offMachine()).toEqual([]);
  expect(browser.problems).toEqual([]);
}, STEP);
