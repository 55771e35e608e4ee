/**
 * The kit as a package a partner installs: Node does not strip types under node_modules, so the packed kit ships
 * JavaScript and declarations built from `src/` into `dist/` (tsc, `rewriteRelativeImportExtensions`).
 *
 * - `node build.ts` (`npm run build`): builds `dist/`.
 * - `node build.ts --pack` (`prepack`): builds, then writes the packed manifest in place of package.json (kept aside as
 *   `.package.workspace.json`): every public entry point of `exports` maps to `dist/<entry>.js` with its `.d.ts`; the
 *   workspace's own `./*` (the four subgraphs' deep imports of the TypeScript sources) is left out.
 * - `node build.ts --restore` (`postpack`): puts the workspace manifest back (also done first by `--pack`, should a
 *   previous pack have stopped half way).
 *
 * Inside this repository nothing is built: the workspace resolves `@tdg/kit/*` to the `.ts` sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const here = import.meta.dirname;
const manifest = join(here, 'package.json');
const aside = join(here, '.package.workspace.json');

function restore(): void {
  if (existsSync(aside)) renameSync(aside, manifest);
}

function tscPath(): string {
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', '.bin', 'tsc');
    if (existsSync(bin)) return bin;
  }
  throw new Error('tsc not found in any node_modules/.bin above the kit: run npm install at the repository root');
}

function build(): void {
  rmSync(join(here, 'dist'), { recursive: true, force: true });
  const result = spawnSync(tscPath(), ['-p', join(here, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status})`);
}

type Manifest = { exports: Record<string, string>; scripts?: unknown; [key: string]: unknown };

/** The manifest of the packed kit: its public entry points, as JavaScript with declarations. */
export function packedManifest(workspace: Manifest): Manifest {
  const exports: Record<string, { types: string; default: string }> = {};
  for (const [entry, target] of Object.entries(workspace.exports)) {
    if (entry.includes('*')) continue;
    const base = target.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '');
    exports[entry] = { types: `${base}.d.ts`, default: `${base}.js` };
  }
  const { scripts: _scripts, ...rest } = workspace;
  return { ...rest, exports } as unknown as Manifest;
}

const mode = process.argv[2];
if (mode === '--restore') {
  restore();
} else {
  restore();
  build();
  if (mode === '--pack') {
    const workspace = readFileSync(manifest, 'utf8');
    writeFileSync(aside, workspace);
    writeFileSync(manifest, `${JSON.stringify(packedManifest(JSON.parse(workspace) as Manifest), null, 2)}\n`);
  }
}
