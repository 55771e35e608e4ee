import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_ISSUER } from '@tdg/gateway';
import { parse as parseCsv } from 'csv-parse/sync';
import { writeDemoFolder } from '../scripts/src/demo-folder.ts';
import { ensureDevJwtKey, writeDevTokens } from '../scripts/src/dev-tokens.ts';
import { startFederation, type TestFederation } from './support/federation.ts';

/**
 * Every example of the READMEs answers with data. The shell blocks that talk to the gateway (`localhost:4000`) are
 * taken from the READMEs as written and run in bash against the graph `npm start` serves by default: the `region` demo
 * dataset with seed 1 (written by the same code, scripts/src/demo-folder.ts), a development key and
 * `.data/dev-tokens.json` made as `npm start` makes them. Only the gateway's address is changed. Each call to the
 * gateway is recorded (a `curl` wrapper) and must answer 200 with data: no errors, and no top-level field null or empty.
 */
const root = join(import.meta.dirname, '..');
const READMES = ['README.md', 'gateway/README.md'];

interface Example {
  readonly name: string;
  readonly script: string;
  /** How many calls to the gateway the block makes: `curl`s outside function definitions, and calls of those functions. */
  readonly calls: number;
}

function examplesOf(file: string): Example[] {
  const markdown = readFileSync(join(root, file), 'utf8');
  return [...markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)]
    .map((m) => m[1])
    .filter((block) => /\bcurl\b[^\n]*localhost:4000/.test(block))
    .map((script, i) => ({ name: `${file} #${i + 1}: ${firstCall(script)}`, script, calls: callsIn(script) }));
}

const withoutFunctions = (script: string) => script.replace(/^\w+\(\)\s*\{[\s\S]*?\}\s*$/gm, '');
const firstCall = (script: string) => withoutFunctions(script).split('\n').find((l) => l.trim() !== '' && !/^\w+=/.test(l))?.trim();

function callsIn(script: string): number {
  const functions = [...script.matchAll(/^(\w+)\(\)\s*\{/gm)].map((m) => m[1]);
  const outside = withoutFunctions(script);
  const calls = outside.split('\n').filter((line) => functions.some((f) => new RegExp(`^\\s*${f}\\s`).test(line))).length;
  return calls + (outside.match(/\bcurl\b/g)?.length ?? 0);
}

/** Records every answer of the gateway (body and headers) in $EXAMPLE_OUT, and still gives it to the example. */
const CURL_RECORDER = `
curl() {
  local args=() target=''
  while [ $# -gt 0 ]; do
    if [ "$1" = -o ]; then target=$2; shift 2; else args+=("$1"); shift; fi
  done
  local answer; answer=$(mktemp "$EXAMPLE_OUT/answer.XXXXXX")
  command curl "\${args[@]}" -o "$answer" -D "$answer.headers"
  if [ -n "$target" ]; then cp "$answer" "$target"; else cat "$answer"; fi
}
`;

const examples = READMES.flatMap(examplesOf);
let fed: TestFederation;
let cwd: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-readme-'));
  const folder = await writeDemoFolder(join(dir, 'demo'), 'region', 1);
  const env: NodeJS.ProcessEnv = {};
  const privateKey = await ensureDevJwtKey(env, dir);
  cwd = join(dir, 'cwd');
  await writeDevTokens(privateKey!, join(cwd, '.data'));
  symlinkSync(join(root, 'schema'), join(cwd, 'schema'));
  fed = await startFederation(folder, { JWT_PUBLIC_KEY: env.JWT_PUBLIC_KEY!, JWT_ALGORITHM: env.JWT_ALGORITHM!, JWT_ISSUER: DEV_ISSUER });
}, 180_000);
afterAll(() => fed?.close());

test('the READMEs have examples to run', () => {
  expect(examples.length).toBeGreaterThanOrEqual(3);
  expect(examples.reduce((n, e) => n + e.calls, 0)).toBeGreaterThanOrEqual(8);
});

test.each(examples.map((e) => [e.name, e] as const))('%s', async (_name, example) => {
  const out = mkdtempSync(join(tmpdir(), 'tdg-readme-answers-'));
  const address = new URL(fed.gatewayUrl).host.replace('localhost', '127.0.0.1');
  const script = `set -euo pipefail\n${CURL_RECORDER}\n${example.script.replaceAll('localhost:4000', address)}`;
  const run = await promisify(execFile)('bash', ['-c', script], { cwd, env: { ...process.env, EXAMPLE_OUT: out }, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { code: number; stdout: string; stderr: string }) => {
      throw new Error(`the example failed (exit ${error.code}):\n${error.stderr}\n${error.stdout}`);
    },
  );
  expect(run.stderr).toBe('');
  const answers = readdirSync(out).filter((f) => !f.endsWith('.headers'));
  expect(answers).toHaveLength(example.calls);
  for (const answer of answers) {
    const body = readFileSync(join(out, answer), 'utf8');
    const headers = readFileSync(join(out, `${answer}.headers`), 'utf8');
    expect({ status: headers.split(' ')[1], body: body.slice(0, 2000) }).toEqual({ status: '200', body: expect.any(String) });
    if (/^content-type: text\/csv/im.test(headers)) {
      const rows = parseCsv(body, { columns: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(0);
      continue;
    }
    const { data, errors } = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: unknown[] };
    expect({ errors, body: body.slice(0, 2000) }).toEqual({ errors: undefined, body: expect.any(String) });
    expect(data && Object.keys(data).length).toBeGreaterThan(0);
    const empty = Object.entries(data!).filter(([, v]) => v === null || (typeof v === 'object' && Object.keys(v as object).length === 0));
    expect(empty).toEqual([]);
  }
  // Files an example writes (curl -o) are there.
  for (const target of example.script.matchAll(/\s-o\s+(\S+)/g)) expect(existsSync(join(cwd, target[1]))).toBe(true);
});
