/**
 * Builds the pages the gateway serves (web/dist/) with Vite when their inputs changed: the sources under web/, the
 * operations of schema/operations/ they import, and the installed versions (package-lock.json). The hash of those
 * inputs is kept in dist/build-info.json, so a build that is current is skipped, and a test compares it with the
 * sources (the served bundle is the one the sources make).
 *
 *   node web/build.ts            build when stale (root `prepare`, so `npm install` / `npm ci` build it; `npm start`)
 *   node web/build.ts --force    build anyway (`npm run build -w web`)
 *   node web/build.ts --check    exit 1 when stale
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('.', import.meta.url));
const PROJECT_ROOT = resolve(WEB_ROOT, '..');
export const DIST = join(WEB_ROOT, 'dist');
/** Where every bundled file is served from by the gateway (gateway/src/pages/). */
export const ASSET_BASE = '/pages/';
/** The entry pages, each an HTML file under web/<page>/index.html. */
export const PAGES = ['explorer', 'dashboard'] as const;
export type PageName = (typeof PAGES)[number];

export interface BuildInfo {
  /** SHA-256 over the inputs (inputsHash). */
  readonly inputs: string;
  readonly builtAt: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The files a build reads besides node_modules, and the lock file that pins node_modules. */
export function buildInputs(): string[] {
  const inWeb = [join(WEB_ROOT, 'src'), ...PAGES.map((p) => join(WEB_ROOT, p))].flatMap(filesUnder);
  const files = [...inWeb, join(WEB_ROOT, 'build.ts'), join(WEB_ROOT, 'package.json'), join(PROJECT_ROOT, 'package-lock.json'), ...filesUnder(join(PROJECT_ROOT, 'schema/operations'))];
  return files.map((f) => relative(PROJECT_ROOT, f)).sort();
}

export function inputsHash(): string {
  const hash = createHash('sha256');
  for (const f of buildInputs()) hash.update(f).update('\0').update(readFileSync(join(PROJECT_ROOT, f))).update('\0');
  return hash.digest('hex');
}

export function readBuildInfo(): BuildInfo | null {
  const file = join(DIST, 'build-info.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BuildInfo) : null;
}

export const isCurrent = (): boolean => readBuildInfo()?.inputs === inputsHash();

/** Builds every page into dist/ (Vite; nothing inlined as data: URLs, so the pages' CSP allows only 'self'). */
export async function buildPages(): Promise<void> {
  const inputs = inputsHash();
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: WEB_ROOT,
    base: ASSET_BASE,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic' } },
    worker: { format: 'es' },
    build: {
      outDir: DIST,
      emptyOutDir: true,
      target: 'es2023',
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 8000,
      rollupOptions: {
        input: Object.fromEntries(PAGES.map((p) => [p, join(WEB_ROOT, p, 'index.html')])),
        // Libraries marked "use client" for React server components: nothing to do in a page bundle.
        onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)),
      },
    },
  });
  writeFileSync(join(DIST, 'build-info.json'), `${JSON.stringify({ inputs, builtAt: new Date().toISOString() } satisfies BuildInfo, null, 2)}\n`);
}

/** Builds unless the bundle in dist/ was built from the current inputs. */
export async function ensurePagesBuilt(log: (line: string) => void = console.log): Promise<void> {
  if (isCurrent()) return;
  log('building the explorer and dashboard pages (web/) …');
  const started = Date.now();
  await buildPages();
  log(`pages built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--check')) {
    const current = isCurrent();
    console.log(current ? 'web/dist is current' : 'web/dist is stale: run `npm run build -w web`');
    process.exit(current ? 0 : 1);
  }
  if (args.includes('--force')) await buildPages();
  else await ensurePagesBuilt();
}
