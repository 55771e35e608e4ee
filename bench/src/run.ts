/**
 * `npm run bench [-- --quick] [options]`: the benchmark (see bench/README.md). Loads the demo dataset into the
 * benchmark's own databases, starts the four subgraphs once, starts every target as its own process, checks that all
 * targets give the same answer to every operation, counts SQL statements per operation, then puts each operation
 * under load on each target in alternating rounds, and writes JSON and Markdown under bench/results/ (and, for a full
 * run, docs/benchmark.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import exitHook from 'async-exit-hook';
import { type DatasetSize, MODES, type ModeConfig, PATHS, ROOT, benchPorts } from './config.ts';
import { type BenchDatabases, prepareDatabases } from './data.ts';
import { ADMINISTRATOR, NATIONAL_ANALYST, createTokens, crowd } from './identity.ts';
import { requestBody, runLoad } from './load.ts';
import { type Operation, operations, pickVariables } from './operations.ts';
import { type Child, startScript, stopChildren, waitUntil } from './processes.ts';
import { type BenchResults, type OperationResult, type RoundMeasure, type SqlStatements, summarise, toMarkdown, withRatios } from './report.ts';
import { type RunningSubgraphs, startSubgraphs } from './subgraphs.ts';
import { TARGETS, TARGET_IDS, type TargetId, benchSupergraph } from './targets/index.ts';
import { type GraphQLBody, badResponse, firstDifference } from './verify.ts';

const USAGE = `usage: npm run bench [-- options]
  --quick                 development run: region-size data, one short round (under two minutes)
  --targets a,b,…         targets to run (default all: ${TARGET_IDS.join(', ')}; --quick: all but hive and ours-unshared)
  --operations a,b,…      operation ids to run (default all)
  --size small|region|national, --rounds N, --duration S, --warmup S, --connections N   override the mode
  --docs / --no-docs      copy the Markdown to docs/benchmark.md (default: only for a full run with no option)
  --render <results.json> write the Markdown of an earlier run again (with --docs: to docs/benchmark.md too)
  --serve                 start the data, subgraphs and targets, check the answers, then keep everything running
                          (for profiling) until Ctrl-C; URLs, operations and tokens in bench/results/serve-<BENCH_PORT_BASE>.json`;

const log = (line: string) => console.log(`[bench] ${line}`);

class BenchFailure extends Error {}

function parse() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      targets: { type: 'string' },
      operations: { type: 'string' },
      size: { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      docs: { type: 'boolean' },
      render: { type: 'string' },
      serve: { type: 'boolean', default: false },
      'no-docs': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const base = MODES[values.quick ? 'quick' : 'full'];
  const number = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  const mode: ModeConfig = {
    ...base,
    size: (values.size as DatasetSize | undefined) ?? base.size,
    rounds: number(values.rounds, base.rounds),
    durationSeconds: number(values.duration, base.durationSeconds),
    warmupSeconds: number(values.warmup, base.warmupSeconds),
    connections: number(values.connections, base.connections),
  };
  if (!['small', 'region', 'national'].includes(mode.size)) throw new BenchFailure(`unknown --size ${mode.size}\n${USAGE}`);
  // The quick run leaves out Hive's JS planner and ours without sharing, to stay under two minutes.
  const defaultTargets = values.quick ? TARGET_IDS.filter((t) => t !== 'hive' && t !== 'ours-unshared') : [...TARGET_IDS];
  const targets = (values.targets?.split(',') ?? defaultTargets) as TargetId[];
  for (const t of targets) if (!TARGET_IDS.includes(t)) throw new BenchFailure(`unknown target ${t}\n${USAGE}`);
  return {
    mode,
    targets,
    operationIds: values.operations?.split(','),
    // docs/benchmark.md keeps the latest complete full run: by default only a full run as configured writes it.
    docs: values['no-docs']
      ? false
      : (values.docs ??
        (mode.mode === 'full' &&
          !values.render &&
          !values.targets &&
          !values.operations &&
          [values.size, values.rounds, values.duration, values.warmup, values.connections].every((v) => v === undefined))),
    render: values.render,
    serve: values.serve,
  };
}

interface RunningTarget {
  readonly id: TargetId;
  readonly url: string;
  readonly child: Child;
}

/** One request, answered and parsed. */
async function ask(url: string, operation: Operation, token: string): Promise<{ status: number; body: GraphQLBody | null; bytes: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: requestBody(operation),
  });
  const text = await response.text();
  let body: GraphQLBody | null = null;
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    body = null;
  }
  return { status: response.status, body, bytes: Buffer.byteLength(text) };
}

const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

/** Writes the Markdown of a results file again, with the current report format and target labels. */
function rerender(file: string, docs: boolean): number {
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  const markdown = toMarkdown({ ...results, targets: results.targets.map((t) => ({ ...t, label: TARGETS[t.id as TargetId]?.label ?? t.label, cached: TARGETS[t.id as TargetId]?.cached ?? t.cached })) });
  writeFileSync(file.replace(/\.json$/, '.md'), markdown);
  if (docs) writeFileSync(PATHS.docs, markdown);
  log(`rendered ${file.replace(/\.json$/, '.md')}${docs ? ' and docs/benchmark.md' : ''}`);
  return 0;
}

async function main(): Promise<number> {
  const started = performance.now();
  const { mode, targets: targetIds, operationIds, docs, render, serve } = parse();
  if (render) return rerender(render, docs);
  const ports = benchPorts();
  const children: Child[] = [];
  let databases: BenchDatabases | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await stopChildren(children);
      await databases?.release().catch(() => undefined);
    })());
  exitHook((done) => void cleanup().then(done));

  try {
    log(`mode ${mode.mode}: ${mode.size} dataset, ${mode.rounds} round(s) of ${mode.durationSeconds} s, ${mode.warmupSeconds} s warm-up, ${mode.connections} connections`);
    databases = await prepareDatabases(mode.size, mode.seed, log);
    const subgraphs: RunningSubgraphs = await startSubgraphs(ports, databases.env);
    children.push(...subgraphs.children);
    log('subgraphs up');

    mkdirSync(PATHS.results, { recursive: true });
    const supergraphPath = join(PATHS.results, 'supergraph.bench.graphql');
    writeFileSync(supergraphPath, benchSupergraph(readFileSync(PATHS.supergraph, 'utf8'), subgraphs.urls));

    const picks = await pickVariables(databases.urls);
    const ops = operations(picks).filter((o) => !operationIds || operationIds.includes(o.id));
    if (ops.length === 0) throw new BenchFailure(`no operation matches --operations ${operationIds?.join(',')}`);
    log(`variables: ${JSON.stringify(picks)}`);
    const callers = (identity: typeof NATIONAL_ANALYST) => crowd(identity, mode.connections);
    const tokens = await createTokens([NATIONAL_ANALYST, ADMINISTRATOR, ...callers(NATIONAL_ANALYST), ...callers(ADMINISTRATOR)]);

    const targets: RunningTarget[] = targetIds.map((id, i) => {
      const port = ports.target + i;
      const definition = TARGETS[id];
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...definition.env({ port, supergraphPath, subgraphUrls: subgraphs.urls, databaseEnv: databases!.env, jwtEnv: tokens.gatewayEnv }),
      };
      delete env.DATABASE_URL;
      const child = startScript(`target-${id}`, definition.script, env);
      children.push(child);
      return { id, url: `http://127.0.0.1:${port}/graphql`, child };
    });
    const ready: Operation = { ...ops[0], operationName: 'Ready', query: 'query Ready { __typename }', variables: {} };
    await Promise.all(targets.map((t) => waitUntil(t.child, 'GraphQL', async () => (await ask(t.url, ready, tokens.tokenFor(NATIONAL_ANALYST))).status === 200)));
    log(`targets up: ${targets.map((t) => `${t.id} (pid ${t.child.pid})`).join(', ')}`);

    // Every target must give the same answer, without errors, before anything is measured.
    const reference = new Map<string, unknown>();
    const responseBytes = new Map<string, number>();
    const alone = new Map<string, number>();
    for (const op of ops) {
      for (const t of targets) {
        const { status, body, bytes } = await ask(t.url, op, tokens.tokenFor(op.identity));
        // A second request, timed: the latency of one request on a warm target with nothing else running.
        const asked = performance.now();
        await ask(t.url, op, tokens.tokenFor(op.identity));
        alone.set(`${op.id}|${t.id}`, performance.now() - asked);
        const bad = badResponse(status, body);
        if (bad) throw new BenchFailure(`${op.id} on ${t.id}: ${bad}`);
        if (!reference.has(op.id)) {
          reference.set(op.id, body!.data);
          responseBytes.set(op.id, bytes);
          continue;
        }
        const diff = firstDifference(reference.get(op.id), body!.data);
        if (diff) throw new BenchFailure(`${op.id}: ${t.id} answers differently from ${targets[0].id}: ${diff}`);
      }
    }
    log(`answers checked: ${ops.length} operation(s) × ${targets.length} target(s) agree`);
    for (const op of ops) log(`  ${op.id}, one request alone: ${targets.map((t) => `${t.id} ${Math.round(alone.get(`${op.id}|${t.id}`)!)} ms`).join(', ')}`);

    if (serve) {
      const file = join(PATHS.results, `serve-${ports.target - 10}.json`);
      const served = {
        targets: Object.fromEntries(targets.map((t) => [t.id, { url: t.url, pid: t.child.pid }])),
        subgraphs: Object.fromEntries(Object.entries(subgraphs.urls).map(([name, url], i) => [name, { url, pid: subgraphs.children[i].pid }])),
        databases: databases.urls,
        operations: ops.map((o) => ({ id: o.id, body: JSON.parse(requestBody(o)), token: tokens.tokenFor(o.identity) })),
      };
      writeFileSync(file, `${JSON.stringify(served, null, 2)}\n`);
      log(`serving until Ctrl-C: ${targets.map((t) => `${t.id} ${t.url}`).join(', ')}; operations and tokens in ${file}`);
      await new Promise(() => undefined);
    }

    // SQL statements per operation: one request through the graph (our gateway, else the first gateway) with nothing else running.
    const sql = new Map<string, SqlStatements>();
    const graphTarget = targets.find((t) => t.id === 'ours') ?? targets.find((t) => t.id !== 'floor');
    const floorTarget = targets.find((t) => t.id === 'floor');
    const floorStatements = async () =>
      floorTarget ? ((await (await fetch(floorTarget.url.replace('/graphql', '/stats/sql'))).json()) as { statements: number }).statements : null;
    if (graphTarget) {
      for (const op of ops) {
        const before = await subgraphs.sqlStatements();
        await ask(graphTarget.url, op, tokens.tokenFor(op.identity));
        const after = await subgraphs.sqlStatements();
        const floorBefore = await floorStatements();
        if (floorTarget) await ask(floorTarget.url, op, tokens.tokenFor(op.identity));
        const floorAfter = await floorStatements();
        const graph = Object.fromEntries(Object.keys(after).map((s) => [s, after[s as keyof typeof after] - before[s as keyof typeof before]]));
        sql.set(op.id, {
          graph,
          graphTotal: Object.values(graph).reduce((n, x) => n + x, 0),
          floor: floorBefore === null || floorAfter === null ? null : floorAfter - floorBefore,
        });
      }
      log(`SQL statements per operation (through ${graphTarget.id}): ${ops.map((o) => `${o.id} ${sql.get(o.id)?.graphTotal}`).join(', ')}`);
    }

    // Load: per operation, a warm-up of every target, then rounds A B C … A B C ….
    const loadStarted = performance.now();
    const problems: string[] = [];
    const results: OperationResult[] = [];
    const subgraphPids = subgraphs.children.map((c) => c.pid);
    for (const op of ops) {
      const rounds = new Map<TargetId, RoundMeasure[]>(targets.map((t) => [t.id, []]));
      const spec = (t: RunningTarget, seconds: number) => ({
        url: t.url,
        operation: op,
        tokens: callers(op.identity).map((caller) => tokens.tokenFor(caller)),
        seconds,
        connections: mode.connections,
        sampleEvery: mode.sampleEvery,
        targetPid: t.child.pid,
        subgraphPids,
      });
      if (mode.warmupSeconds > 0) for (const t of targets) await runLoad(spec(t, mode.warmupSeconds));
      for (let r = 0; r < mode.rounds; r++) {
        for (const t of targets) {
          const { samples, firstBadBody, ...measure } = await runLoad(spec(t, mode.durationSeconds));
          for (const sample of samples) {
            let data: unknown;
            try {
              data = (JSON.parse(sample) as GraphQLBody).data;
            } catch {
              data = undefined;
            }
            const diff = firstDifference(reference.get(op.id), data);
            if (diff) throw new BenchFailure(`${op.id} on ${t.id}, round ${r + 1}: a sampled response differs from the reference: ${diff}`);
          }
          if (measure.errors > 0) {
            problems.push(`${op.id} on ${t.id}, round ${r + 1}: ${measure.errors} error(s)${firstBadBody ? `, e.g. ${firstBadBody.slice(0, 200)}` : ''}`);
          }
          rounds.get(t.id)!.push(measure);
          log(`${op.id} · ${t.id} · round ${r + 1}: ${measure.rps?.toFixed(1) ?? '–'} req/s, p50 ${measure.p50 ?? '–'} ms, p99 ${measure.p99 ?? '–'} ms, ${measure.errors} errors`);
        }
      }
      results.push({
        id: op.id,
        title: op.title,
        operationName: op.operationName,
        identity: op.identity.roles.join(', '),
        variables: op.variables,
        responseBytes: responseBytes.get(op.id) ?? null,
        sql: sql.get(op.id) ?? null,
        targets: withRatios(
          Object.fromEntries(targets.map((t) => [t.id, { ...summarise(rounds.get(t.id)!), aloneMs: alone.get(`${op.id}|${t.id}`) ?? null }])),
        ),
      });
    }

    const commit = git('rev-parse', 'HEAD');
    const output: BenchResults = {
      meta: {
        date: new Date().toISOString(),
        commit,
        dirty: git('status', '--porcelain') !== '',
        mode: (['size', 'rounds', 'durationSeconds', 'warmupSeconds', 'connections'] as const).every((k) => mode[k] === MODES[mode.mode][k])
          ? mode.mode
          : `${mode.mode} (overridden)`,
        dataset: { size: mode.size, seed: mode.seed },
        machine: { nproc: availableParallelism(), memoryGiB: Math.round(totalmem() / 2 ** 30), cpu: cpus()[0]?.model ?? 'unknown', node: process.versions.node },
        load: {
          rounds: mode.rounds,
          durationSeconds: mode.durationSeconds,
          warmupSeconds: mode.warmupSeconds,
          connections: mode.connections,
          sampleEvery: mode.sampleEvery,
        },
        database: databases.server,
        responseCache: targets.some((t) => TARGETS[t.id].cached) ? 'separate' : 'none',
        seconds: { load: (performance.now() - loadStarted) / 1000, total: (performance.now() - started) / 1000 },
      },
      targets: targets.map((t) => ({ id: t.id, label: TARGETS[t.id].label, cached: TARGETS[t.id].cached ?? false })),
      operations: results,
      problems,
    };
    const stamp = output.meta.date.replace(/[:.]/g, '-');
    const markdown = toMarkdown(output);
    writeFileSync(join(PATHS.results, `${stamp}-${mode.mode}.json`), `${JSON.stringify(output, null, 2)}\n`);
    writeFileSync(join(PATHS.results, `${stamp}-${mode.mode}.md`), markdown);
    writeFileSync(join(PATHS.results, `latest-${mode.mode}.md`), markdown);
    if (docs) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(PATHS.docs, markdown);
    }
    log(`results: bench/results/${stamp}-${mode.mode}.{json,md}${docs ? ', docs/benchmark.md' : ''} (${Math.round(output.meta.seconds.total)} s)`);
    console.log(`\n${markdown}`);
    if (problems.length > 0) {
      console.error(`[bench] ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`[bench] FAILED: ${error instanceof BenchFailure ? error.message : (error as Error).stack}`);
    return 1;
  } finally {
    await cleanup();
  }
}

process.exit(await main());
