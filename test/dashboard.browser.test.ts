import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { DEV_PERSONAS } from '../scripts/src/dev-tokens.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { tokenFor } from './support/tokens.ts';

/**
 * The regional dashboard in headless Chromium against the real federation on test data: every panel renders for a
 * region with a development token picked by role, the figures on the page equal the gateway's answers to the same
 * operations with the same token, a refused panel shows the GraphQL error's code and message while the others still
 * render, no request leaves the machine, and screenshots (laptop and phone) are written for a person to look at.
 */
/** A browser on a shared 2-core machine: 5 minutes for each step. */
const STEP = 300_000;

let fed: TestFederation;
let browser: Browser;
let dashboardUrl: string;
const devTokens: Record<string, string> = {};
/** A school of the test data with placements, ECTs, NPQs and hub participations (its golden thread). */
let urn: string;
const REGION = 'A';
const YEAR = 2023;

beforeAll(async () => {
  const data = generateDemoData({ size: 'small', seed: 1 });
  const has = (rows: Record<string, unknown>[], key: string) => new Set(rows.map((r) => String(r[key])));
  const [pl, ect, npq, hub] = [has(data['placements.csv'] as never, 'urn'), has(data['ect-inductions.csv'] as never, 'school_urn'), has(data['npq-enrolments.csv'] as never, 'school_urn'), has(data['participations.csv'] as never, 'urn')];
  urn = (data['schools.csv'] as unknown as { urn: string }[]).find((s) => pl.has(s.urn) && ect.has(s.urn) && npq.has(s.urn) && hub.has(s.urn))!.urn;
  const folder = mkdtempSync(join(tmpdir(), 'tdg-dashboard-'));
  await writeDemoData(data, folder);
  const dataDir = mkdtempSync(join(tmpdir(), 'tdg-dashboard-data-'));
  const tokens: Record<string, unknown> = {};
  for (const p of DEV_PERSONAS) {
    devTokens[p.name] = await tokenFor(p.identity);
    tokens[p.name] = { description: p.description, identity: p.identity, token: devTokens[p.name] };
  }
  writeFileSync(join(dataDir, 'dev-tokens.json'), JSON.stringify({ issuer: 'test', audience: 'test', expiresAt: '', tokens }));
  [fed, browser] = await Promise.all([startFederation(folder, { DATA_DIR: dataDir }), launchBrowser()]);
  dashboardUrl = fed.gatewayUrl.replace(/\/graphql$/, '/dashboard');
}, STEP);
afterAll(async () => {
  await browser?.close();
  await fed?.close();
}, STEP);

async function open(page: Page, role: string) {
  await page.goto(`${dashboardUrl}?region=${REGION}&year=${YEAR}&from=2021&scitt=70245&urn=${urn}`);
  await page.getByLabel('Development token').selectOption(role);
  await settled(page);
}

/** Every panel has its answer (none is loading). */
async function settled(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('.panel').length === 5 && document.querySelectorAll('.panel[aria-busy="true"]').length === 0);
}

/** The rows of a panel's table with this caption (a prefix), as text, header row left out. */
async function tableRows(page: Page, panel: string, caption: string): Promise<string[][]> {
  const table = page.locator(`#${panel} table`).filter({ has: page.locator('caption', { hasText: caption }) });
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
}

async function answer<T>(name: string, file: string, variables: Record<string, unknown>, token: string) {
  const { readFileSync } = await import('node:fs');
  const document = readFileSync(join(import.meta.dirname, '../schema/operations', `${file}.graphql`), 'utf8');
  return fed.query<T>(document, variables, name, token);
}

test('every panel renders for a region, with the figures the gateway answers', async () => {
  const page = await browser.newPage({ width: 1366, height: 900 });
  await open(page, 'admin');
  const token = devTokens.admin;
  for (const id of ['regional-overview', 'cold-spots', 'support-and-engagement', 'growing-our-own', 'golden-thread']) {
    expect(await page.locator(`#${id} [role="alert"]`).count()).toBe(0);
    expect(await page.locator(`#${id} svg`).count()).toBeGreaterThan(0);
  }

  type Eng = { code: string; name: string; openSchoolCount: number; ittEngagement: { schoolsHostingPlacements: number }; inductionEngagement: { schoolsWithEcts: number }; npqEngagement: { schoolsWithParticipants: number }; hubEngagement: { schoolsParticipating: number } };
  const overview = await answer<{ region: Eng & { localAuthorities: Eng[] } }>('RegionalOverview', 'regional-overview', { regionCode: REGION, academicYear: YEAR }, token);
  const row = (x: Eng, name = x.name) => [name, x.code, ...[x.openSchoolCount, x.ittEngagement.schoolsHostingPlacements, x.inductionEngagement.schoolsWithEcts, x.npqEngagement.schoolsWithParticipants, x.hubEngagement.schoolsParticipating].map(String)];
  const region = overview.data!.region;
  expect(region.localAuthorities.length).toBeGreaterThan(1);
  expect(await tableRows(page, 'regional-overview', region.name)).toEqual([...region.localAuthorities.map((l) => row(l)), row(region, `${region.name} (region)`)]);
  expect(await page.locator('#regional-overview a.operation-link').getAttribute('href')).toMatch(/^\/graphql#operation=RegionalOverview&variables=/);

  type Spots = { candidateCount: number; coldSpotCount: number; schools: { urn: string; percentageFsm: number | null }[] };
  const cold = (await answer<{ region: { coldSpots: Spots } }>('ColdSpots', 'cold-spots', { regionCode: REGION, fromYear: 2021, toYear: YEAR, first: 20 }, token)).data!.region.coldSpots;
  expect(await page.locator('#cold-spots [data-figure="coldSpotCount"]').textContent()).toBe(String(cold.coldSpotCount));
  expect(await page.locator('#cold-spots [data-figure="candidateCount"]').textContent()).toBe(String(cold.candidateCount));
  const coldRows = await tableRows(page, 'cold-spots', 'Cold spots');
  expect(coldRows.map((r) => [r[1], r[4]])).toEqual(cold.schools.map((s) => [s.urn, s.percentageFsm === null ? '—' : `${s.percentageFsm}%`]));

  type Supported = { urn: string; ectCount: number; npqCount: number; hubProgrammeCount: number; placementCount: number };
  const supported = (await answer<{ region: { schoolsReceivingSupport: Supported[] } }>('SupportAndEngagement', 'support-and-engagement', { regionCode: REGION, academicYear: YEAR }, token)).data!.region.schoolsReceivingSupport;
  expect(await page.locator('#support-and-engagement [data-figure="supportedCount"]').textContent()).toBe(String(supported.length));
  const supportRows = await tableRows(page, 'support-and-engagement', 'Schools receiving support');
  expect(supportRows.filter((r) => r.length > 1).map((r) => [r[1], ...r.slice(4)])).toEqual(supported.map((s) => [s.urn, ...[s.ectCount, s.npqCount, s.hubProgrammeCount, s.placementCount].map(String)]));

  type Cohort = { traineeCount: number; awardedCount: number; startedInductionCount: number; localRetention: { inSameLocalAuthority: number; inSameRegion: number; inPartnerSchool: number; inUnknownSchool: number } };
  const cohort = (await answer<{ scitt: { cohort: Cohort } }>('GrowingOurOwn', 'growing-our-own', { scittId: '70245', academicYear: YEAR }, token)).data!.scitt.cohort;
  const r = cohort.localRetention;
  expect((await tableRows(page, 'growing-our-own', 'Cohort')).map((x) => x[1])).toEqual(
    [cohort.traineeCount, cohort.awardedCount, cohort.startedInductionCount, r.inSameLocalAuthority, r.inSameRegion, r.inPartnerSchool, r.inUnknownSchool].map(String),
  );

  type Thread = { placements: unknown[]; ectInductions: unknown[]; npqEnrolments: unknown[]; hubParticipations: unknown[]; supportReceived: unknown[] };
  const school = (await answer<{ school: Thread }>('SchoolGoldenThread', 'golden-thread', { urn }, token)).data!.school;
  const counts = [school.placements, school.ectInductions, school.npqEnrolments, school.hubParticipations, school.supportReceived].map((l) => String(l.length));
  expect(counts.slice(0, 4).every((c) => c !== '0')).toBe(true);
  expect((await tableRows(page, 'golden-thread', 'Records by kind')).map((x) => x[1])).toEqual(counts);

  await browser.screenshot(page, 'dashboard-laptop');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await browser.screenshot(page, 'dashboard-phone');
  // Nothing wider than the phone: wide tables scroll inside their panel.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(browser.offMachine()).toEqual([]);
  expect(browser.problems).toEqual([]);
}, STEP);

test('a panel refused for the token says why (the GraphQL error), and the others still render', async () => {
  const page = await browser.newPage({ width: 1366, height: 900 });
  // A national analyst reads aggregates, never personal records: the golden thread is refused.
  await open(page, 'national-analyst');
  const refused = await answer<unknown>('SchoolGoldenThread', 'golden-thread', { urn }, devTokens['national-analyst']);
  const codes = [...new Set(refused.errors!.map((e) => e.extensions?.code as string))];
  expect(codes).toEqual(['FORBIDDEN']);
  const alert = page.locator('#golden-thread [role="alert"]');
  await expect(alert.textContent()).resolves.toContain('FORBIDDEN');
  expect(await alert.textContent()).toContain(refused.errors![0].message);
  expect(await page.locator('#regional-overview [role="alert"]').count()).toBe(0);
  expect(await page.locator('#regional-overview tbody tr').count()).toBeGreaterThan(1);
  await browser.screenshot(page, 'dashboard-refused');

  // Anonymous: every panel asks to sign in.
  await page.getByLabel('Development token').selectOption('');
  await settled(page);
  const anonymous = await answer<unknown>('RegionalOverview', 'regional-overview', { regionCode: REGION, academicYear: YEAR }, '');
  expect(anonymous.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(await page.locator('#regional-overview [role="alert"]').textContent()).toContain(`UNAUTHENTICATED: ${anonymous.errors![0].message}`);
  expect(browser.offMachine()).toEqual([]);
  expect(browser.problems).toEqual([]);
}, STEP);

test('usable with the keyboard: every control labelled, in reading order, and a region picked with keys', async () => {
  const page = await browser.newPage({ width: 1366, height: 900 });
  await open(page, 'national-analyst');
  const order: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press('Tab');
    order.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
        return label ?? el.textContent ?? el.tagName;
      }),
    );
  }
  expect(order).toEqual(['Explorer', 'Development token', 'Bearer token', 'Use', 'Region', 'Local authority (cold spots)', 'Academic year', 'Cold spots from', 'SCITT (provider URN)']);
  // Region: from A (North East) one down to B (North West), with the keyboard alone.
  await page.getByLabel('Region', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await settled(page);
  expect(await page.getByLabel('Region', { exact: true }).inputValue()).toBe('B');
  const overview = await answer<{ region: { name: string; localAuthorities: { name: string }[] } }>('RegionalOverview', 'regional-overview', { regionCode: 'B', academicYear: YEAR }, devTokens['national-analyst']);
  const rows = await tableRows(page, 'regional-overview', overview.data!.region.name);
  expect(rows.map((r) => r[0])).toEqual([...overview.data!.region.localAuthorities.map((l) => l.name), `${overview.data!.region.name} (region)`]);
  expect(page.url()).toContain('region=B');
  expect(browser.problems).toEqual([]);
}, STEP);
