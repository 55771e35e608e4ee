import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';
/** Where the browser tests write a screenshot of each page for a person to look at (gitignored). */
export const SCREENSHOTS = join(import.meta.dirname, '../../test-output/screenshots');

export interface Browser {
  readonly context: BrowserContext;
  /** Every URL the browser asked for, in order. */
  readonly requests: string[];
  /** Console errors, page errors and Content-Security-Policy violations. */
  readonly problems: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Requests to anywhere but this machine (there must be none: the pages load everything from the gateway). */
  offMachine(): string[];
  /** Writes test-output/screenshots/<name>.png: the whole page, or only the viewport (pages that fill it). */
  screenshot(page: Page, name: string, fullPage?: boolean): Promise<string>;
  close(): Promise<void>;
}

const LOCAL = /^(https?|wss?):\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//;

/**
 * Headless Chromium driven by playwright-core, in a new empty profile, with everything that would reach out on its
 * own switched off (background networking, component updates, sync, QUIC). Records every request and every problem.
 */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tdg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 900 },
  });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const watch = (page: Page) => {
    page.on('console', (m) => {
      // A failed request is reported with its URL below.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      // A GraphQL answer with errors may have a 4xx status (limits, a refused token): the pages show those, the tests check them.
      if (r.status() >= 400 && r.request().method() !== 'POST') problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);
  return {
    context,
    requests,
    problems,
    newPage: async (viewport) => {
      const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
      if (viewport) await page.setViewportSize(viewport);
      // A shared 2-core machine: pages may take a while to load and answer.
      page.setDefaultTimeout(120_000);
      return page;
    },
    offMachine: () => requests.filter((u) => !LOCAL.test(u) && !u.startsWith('data:') && !u.startsWith('blob:')),
    screenshot: async (page, name, fullPage = true) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage });
      return file;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
