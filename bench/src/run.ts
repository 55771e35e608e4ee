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
import { benchPorts, type DatasetSize, MODES, type ModeConfig, PATHS, ROOT } from './config.ts';
import { type BenchDatabases, prepareDatabases } from './data.ts';
import { ADMINISTRATOR, createTokens, crowd, NATIONAL_ANALYST } from './identity.ts';
import { requestBody, runLoad } from './load.ts';
import { type Operation, operations, pickVariables } from './operations.ts';
import { type Child, startScript, stopChildren, waitUntil } from './processes.ts';
import { type BenchResults, type OperationResult, type RoundMeasure, type ScenarioResult, type SqlStatements, summarise, type Traffic, toMarkdown, withRatios } from './report.ts';
import { answerKey, SCENARIOS, type ScenarioId, scenarioAsks } from './scenarios.ts';
import { type RunningSubgraphs, startSubgraphs } from './subgraphs.ts';
import { benchSupergraph, TARGET_IDS, TARGETS, type TargetId } from './targets/index.ts';
import { badResponse, firstDifference, type GraphQLBody } from './verify.ts';

const USAGE = `usage: npm run bench [-- options]
  --quick                 development run: region-size data, one short round (under two minutes)
  --targets a,b,…         targets to run (default all: ${TARGET_IDS.join(', ')}; --quick: all but hive and ours-unshared)
  --operations a,b,…      operation ids to run (default all)
  --size small|region|national, --rounds N, --duration S, --warmup S, --connections N   override the mode
  --docs / --no-docs      copy the Markdown to docs/benchmark.md (default: only for a full run with no option)
  --render <results.json> write the Markdown of an earlier run again (with --docs: to docs/benchmark.md too)
  --scenarios a,b,…       load scenarios (default all: distinct, identical, mixed; distinct is the headline)
  --reload                load the data again even when the databases hold it (the import's rows/s per file are reported)
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
      scenarios: { type: 'string' },
      reload: { type: 'boolean', default: false },
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
  const scenarios = (values.scenarios?.split(',') ?? Object.keys(SCENARIOS)) as ScenarioId[];
  for (const sc of scenarios) if (!(sc in SCENARIOS)) throw new BenchFailure(`unknown scenario ${sc}\n${USAGE}`);
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
    scenarios,
    reload: values.reload,
  };
}

interface RunningTarget {
  readonly id: TargetId;
  readonly url: string;
  readonly child: Child;
}

/** One request, answered and parsed. */
async function ask(url: string, operation: Operation, token: string, variables = operation.variables): Promise<{ status: number; body: GraphQLBody | null; bytes: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: requestBody(operation, variables),
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
  const { mode, targets: targetIds, operationIds, docs, render, serve, scenarios, reload } = parse();
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
    databases = await prepareDatabases(mode.size, mode.seed, log, reload);
    if (databases.importTiming) {
      for (const f of databases.importTiming.files) {
        log(`  import ${f.subgraph}/${f.file}: ${f.rows} rows, written in ${Math.round(f.writeMs)} ms (${Math.round(f.rows / Math.max(f.writeMs / 1000, 0.001))} rows/s), read ${Math.round(f.readMs)} ms`);
      }
    }
    const subgraphs: RunningSubgraphs = await startSubgraphs(ports, databases.env);
    children.push(...subgraphs.children);
    log('subgraphs up');

    mkdirSync(PATHS.results, { recursive: true });
    const supergraphPath = join(PATHS.results, 'supergraph.bench.graphql');
    writeFileSync(supergraphPath, benchSupergraph(readFileSync(PATHS.supergraph, 'utf8'), subgraphs.urls));

    const { pools, ...picks } = await pickVariables(databases.urls);
    const ops = operations(picks, pools, mode.variants).filter((o) => !operationIds || operationIds.includes(o.id));
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

    // The reference answers: the floor's (else the first target's) to every variant of every operation.
    const referenceTarget = targets.find((t) => t.id === 'floor') ?? targets[0];
    const reference = new Map<string, unknown>();
    const responseBytes = new Map<string, number>();
    for (const op of ops) {
      await Promise.all(
        op.variants.map(async (variables, variant) => {
          const { status, body, bytes } = await ask(referenceTarget.url, op, tokens.tokenFor(op.identity), variables);
          const bad = badResponse(status, body);
          if (bad) throw new BenchFailure(`${op.id} ${JSON.stringify(variables)} on ${referenceTarget.id}: ${bad}`);
          reference.set(answerKey({ operation: op, variant }), body!.data);
          if (variant === 0) responseBytes.set(op.id, bytes);
        }),
      );
    }
    log(`reference answers (${referenceTarget.id}): ${ops.map((o) => `${o.id} ${o.variants.length}`).join(', ')} variable sets`);
    const check = (key: string, text: string): string | null => {
      let data: unknown;
      try {
        data = (JSON.parse(text) as GraphQLBody).data;
      } catch {
        return 'not JSON';
      }
      return firstDifference(reference.get(key), data);
    };
    // Every target must give the reference answer, without errors, before anything is measured; then three more
    // requests, timed (`aloneSamples`): the latency of one request on a warm target with nothing else running (the median).
    const alone = new Map<string, number>();
    for (const op of ops) {
      for (const t of targets) {
        const { status, body } = await ask(t.url, op, tokens.tokenFor(op.identity));
        const bad = badResponse(status, body);
        if (bad) throw new BenchFailure(`${op.id} on ${t.id}: ${bad}`);
        const diff = firstDifference(reference.get(answerKey({ operation: op, variant: 0 })), body!.data);
        if (diff) throw new BenchFailure(`${op.id}: ${t.id} answers differently from ${referenceTarget.id}: ${diff}`);
        const times: number[] = [];
        for (let i = 0; i < mode.aloneSamples; i++) {
          const asked = performance.now();
          await ask(t.url, op, tokens.tokenFor(op.identity));
          times.push(performance.now() - asked);
        }
        alone.set(`${op.id}|${t.id}`, times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!);
      }
    }
    log(`answers checked: ${ops.length} operation(s) × ${targets.length} target(s) agree with ${referenceTarget.id}`);
    for (const op of ops) log(`  ${op.id}, one request alone: ${targets.map((t) => `${t.id} ${Math.round(alone.get(`${op.id}|${t.id}`)!)} ms`).join(', ')}`);

    if (serve) {
      const file = join(PATHS.results, `serve-${ports.target - 10}.json`);
      const served = {
        targets: Object.fromEntries(targets.map((t) => [t.id, { url: t.url, pid: t.child.pid }])),
        subgraphs: Object.fromEntries(Object.entries(subgraphs.urls).map(([name, url], i) => [name, { url, pid: subgraphs.children[i].pid }])),
        databases: databases.urls,
        operations: ops.map((o) => ({
          id: o.id,
          body: JSON.parse(requestBody(o)),
          token: tokens.tokenFor(o.identity),
          variants: o.variants,
        })),
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
    // Bytes between each gateway and the subgraphs (and statements) for one request, the same way.
    const traffic = new Map<string, Record<string, Traffic>>();
    for (const op of ops) {
      const perTarget: Record<string, Traffic> = {};
      for (const t of targets.filter((x) => x.id !== 'floor' && !TARGETS[x.id].cached)) {
        const before = await subgraphs.stats();
        await ask(t.url, op, tokens.tokenFor(op.identity));
        const after = await subgraphs.stats();
        const sum = (pick: (s: (typeof after)[keyof typeof after]) => number) =>
          Object.keys(after).reduce((n, k) => n + pick(after[k as keyof typeof after]) - pick(before[k as keyof typeof before]), 0);
        perTarget[t.id] = { requestBytes: sum((s) => s.requestBytes), responseBytes: sum((s) => s.responseBytes), statements: sum((s) => s.statements) };
      }
      traffic.set(op.id, perTarget);
    }
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

    // Load: per scenario and operation (the mixed scenario: all operations together), a warm-up of every target, then
    // rounds A B C … A B C ….
    const loadStarted = performance.now();
    const problems: string[] = [];
    const scenarioResults: ScenarioResult[] = [];
    const subgraphPids = subgraphs.children.map((c) => c.pid);
    for (const scenario of scenarios) {
      log(`scenario ${scenario}: ${SCENARIOS[scenario]}`);
      const units = scenario === 'mixed' ? [{ id: 'mixed', ops }] : ops.map((op) => ({ id: op.id, ops: [op] }));
      const results: OperationResult[] = [];
      for (const unit of units) {
        const { lists, distinct } = scenarioAsks(scenario, unit.ops, mode.connections);
        const requestLists = lists.map((asks, i) =>
          asks.map((a) => ({
            body: requestBody(a.operation, a.operation.variants[a.variant]),
            token: tokens.tokenFor(callers(a.operation.identity)[i]!),
            key: answerKey(a),
          })),
        );
        const measured = scenario === 'identical' && mode.identicalTargets ? targets.filter((t) => mode.identicalTargets!.includes(t.id)) : targets;
        const rounds = new Map<TargetId, RoundMeasure[]>(measured.map((t) => [t.id, []]));
        const spec = (t: RunningTarget, seconds: number) => ({
          url: t.url,
          lists: requestLists,
          check,
          seconds,
          connections: mode.connections,
          targetPid: t.child.pid,
          subgraphPids,
        });
        if (mode.warmupSeconds > 0) for (const t of measured) await runLoad(spec(t, mode.warmupSeconds));
        for (let r = 0; r < mode.rounds; r++) {
          for (const t of measured) {
            const { checked, firstMismatch, firstBadBody, ...measure } = await runLoad(spec(t, mode.durationSeconds));
            if (firstMismatch) throw new BenchFailure(`${scenario} · ${unit.id} on ${t.id}, round ${r + 1}: a response differs from the reference: ${firstMismatch}`);
            if (measure.errors > 0) {
              problems.push(`${scenario} · ${unit.id} on ${t.id}, round ${r + 1}: ${measure.errors} error(s)${firstBadBody ? `, e.g. ${firstBadBody.slice(0, 200)}` : ''}`);
            }
            rounds.get(t.id)!.push(measure);
            log(
              `${scenario} · ${unit.id} · ${t.id} · round ${r + 1}: ${measure.rps?.toFixed(1) ?? '–'} req/s, p50 ${measure.p50 ?? '–'} ms, p99 ${measure.p99 ?? '–'} ms, ${measure.errors} errors, ${checked} checked`,
            );
          }
        }
        const op = unit.ops.length === 1 ? unit.ops[0]! : null;
        results.push({
          id: unit.id,
          title: op ? op.title : `Mixed: ${ops.map((o) => o.id).join(', ')} interleaved`,
          operationName: op ? op.operationName : ops.map((o) => o.operationName).join(', '),
          identity: op ? op.identity.roles.join(', ') : [...new Set(ops.map((o) => o.identity.roles.join(', ')))].join(' / '),
          variables: op ? op.variables : {},
          variants: new Set(lists.flat().map(answerKey)).size,
          distinct,
          responseBytes: op ? (responseBytes.get(op.id) ?? null) : null,
          sql: op ? (sql.get(op.id) ?? null) : null,
          traffic: op ? traffic.get(op.id) : undefined,
          targets: withRatios(
            Object.fromEntries(measured.map((t) => [t.id, { ...summarise(rounds.get(t.id)!), aloneMs: op ? (alone.get(`${op.id}|${t.id}`) ?? null) : null }])),
          ),
        });
      }
      scenarioResults.push({ id: scenario, title: SCENARIOS[scenario], operations: results });
    }
    const headline = scenarioResults[0]!;

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
      operations: headline.operations,
      headline: { id: headline.id, title: headline.title },
      scenarios: scenarioResults.slice(1),
      ...(databases.importTiming ? { import: databases.importTiming } : {}),
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
