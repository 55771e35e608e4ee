/**
 * `npm run schema:check -- <name> <sdl-file> [--operations <folder>]... [--json]`: may this SDL replace (or join as)
 * subgraph <name>? Composes it with the rest of schema/supergraph.yaml and checks the operations in use against the
 * changes (schema-check/). Exit 0: it composes and breaks no operation; 1: it does not; 2: the command was misused.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSchema } from './schema-check/check.ts';
import { formatReport } from './schema-check/report.ts';

const USAGE = 'usage: npm run schema:check -- <subgraph-name> <sdl-file> [--operations <folder>]... [--json]';

const { values, positionals } = parseArgs({ options: { operations: { type: 'string', multiple: true }, json: { type: 'boolean' } }, allowPositionals: true });
const [name, sdlFile] = positionals;
const problems = [
  ...(positionals.length !== 2 ? [USAGE] : []),
  ...(sdlFile && !existsSync(sdlFile) ? [`${sdlFile}: no such file`] : []),
  ...(values.operations ?? []).filter((f) => !existsSync(f)).map((f) => `--operations ${f}: no such folder`),
];
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(2);
}
try {
  const report = await checkSchema({ name, sdlFile: resolve(sdlFile), operationFolders: (values.operations ?? []).map((f) => resolve(f)) });
  console.log(values.json ? JSON.stringify({ ...report, file: sdlFile }, null, 2) : formatReport({ ...report, file: sdlFile }));
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(`schema check failed: ${(error as Error).message}`);
  process.exit(2);
}
