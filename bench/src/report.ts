/**
 * The benchmark's results as JSON and as Markdown: per operation and target, throughput (median over rounds), p50 and
 * p99 latency (medians over rounds), errors, peak RSS and CPU per request of the target process, ratios against
 * Apollo's defaults and against the floor; SQL statements per operation. Pure functions (tested in report.test.ts).
 */
import { max, median, ratio, spread } from './stats.ts';

export interface RoundMeasure {
  readonly requests: number;
  readonly seconds: number;
  /** Null when nothing was measured; `approximate` when no request completed within the window (see load.ts). */
  readonly rps: number | null;
  readonly approximate?: boolean;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly errors: number;
  readonly cpuMsPerRequest: number | null;
  readonly peakRssMiB: number | null;
  readonly subgraphCpuMsPerRequest: number | null;
  readonly databaseCpuMsPerRequest: number | null;
}

export interface TargetSummary {
  readonly rounds: readonly RoundMeasure[];
  readonly rps: number | null;
  /** Whether a round's throughput was approximate (no request completed within its window). */
  readonly approximate: boolean;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly errors: number;
  readonly peakRssMiB: number | null;
  readonly cpuMsPerRequest: number | null;
  readonly subgraphCpuMsPerRequest: number | null;
  readonly databaseCpuMsPerRequest: number | null;
  /** Latency of one request on the warm target with nothing else running, ms. */
  readonly aloneMs: number | null;
  /** Throughput relative to Apollo's defaults (target 2) and to the floor. */
  readonly rpsVsApollo: number | null;
  readonly rpsVsFloor: number | null;
}

export interface SqlStatements {
  /** Statements the four subgraphs ran for one request through our gateway, per subgraph. */
  readonly graph: Readonly<Record<string, number>>;
  readonly graphTotal: number;
  /** Statements the floor ran for the same answer. */
  readonly floor: number | null;
}

/** Bytes between a gateway and the subgraphs for one request (variables of the first variant), and the statements run. */
export interface Traffic {
  /** GraphQL request bodies the subgraphs received (queries and representations). */
  readonly requestBytes: number;
  /** GraphQL response bodies the subgraphs sent. */
  readonly responseBytes: number;
  readonly statements: number;
}

export interface OperationResult {
  readonly id: string;
  readonly title: string;
  readonly operationName: string;
  readonly identity: string;
  /** The variables of the first variant (those of the answer check, the SQL statements and the latency alone). */
  readonly variables: Record<string, unknown>;
  /** How many sets of variables the load asked with (1: the same for every request). */
  readonly variants?: number;
  /** Whether no two connections ever sent the same request (so no two requests in flight were identical). */
  readonly distinct?: boolean;
  readonly responseBytes: number | null;
  readonly sql: SqlStatements | null;
  /** Per gateway target: bytes to and from the subgraphs for one request. */
  readonly traffic?: Readonly<Record<string, Traffic>>;
  readonly targets: Readonly<Record<string, TargetSummary>>;
}

/** A further load scenario (the headline, distinct callers with distinct variables, is `BenchResults.operations`). */
export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly operations: readonly OperationResult[];
}

export interface BenchMeta {
  readonly date: string;
  readonly commit: string;
  readonly dirty: boolean;
  readonly mode: string;
  readonly dataset: { readonly size: string; readonly seed: number };
  readonly machine: { readonly nproc: number; readonly memoryGiB: number; readonly cpu: string; readonly node: string };
  readonly load: { readonly rounds: number; readonly durationSeconds: number; readonly warmupSeconds: number; readonly connections: number; readonly sampleEvery: number };
  readonly database: string;
  /** Whether a target answered from a response cache (`ours-cached`: its figures are reported apart, marked cached). */
  readonly responseCache: 'none' | 'separate';
  readonly seconds: { readonly load: number; readonly total: number };
}

export interface BenchResults {
  readonly meta: BenchMeta;
  readonly targets: readonly { readonly id: string; readonly label: string; readonly cached?: boolean }[];
  /** The headline scenario: distinct callers, distinct variables (older results: identical variables). */
  readonly operations: readonly OperationResult[];
  /** The headline scenario's id and the other scenarios (identical variables, mixed), when measured. */
  readonly headline?: { readonly id: string; readonly title: string };
  readonly scenarios?: readonly ScenarioResult[];
  /** Rows per second of each file of the import that loaded the data this run (absent when the load was skipped). */
  readonly import?: ImportTiming;
  /** Problems found (errors, mismatches); an empty list is a clean run. */
  readonly problems: readonly string[];
}

/** The data load of a run: per subgraph and file, rows and milliseconds reading and writing them. */
export interface ImportTiming {
  readonly size: string;
  readonly seconds: number;
  readonly files: readonly { readonly subgraph: string; readonly file: string; readonly rows: number; readonly readMs: number; readonly writeMs: number }[];
}

/** Folds the rounds of one operation and target into medians (maximum for peak RSS, sum for errors). */
export function summarise(rounds: readonly RoundMeasure[]): Omit<TargetSummary, 'rpsVsApollo' | 'rpsVsFloor' | 'aloneMs'> {
  const of = (pick: (r: RoundMeasure) => number | null) => median(rounds.map(pick).filter((x): x is number => x !== null));
  return {
    rounds,
    rps: of((r) => r.rps),
    approximate: rounds.some((r) => r.approximate === true),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    peakRssMiB: max(rounds.map((r) => r.peakRssMiB)),
    cpuMsPerRequest: of((r) => r.cpuMsPerRequest),
    subgraphCpuMsPerRequest: of((r) => r.subgraphCpuMsPerRequest),
    databaseCpuMsPerRequest: of((r) => r.databaseCpuMsPerRequest),
  };
}

/** Adds the throughput ratios against `apollo-default` and `floor` to each target's summary. */
export function withRatios(summaries: Record<string, Omit<TargetSummary, 'rpsVsApollo' | 'rpsVsFloor'>>): Record<string, TargetSummary> {
  const apollo = summaries['apollo-default']?.rps;
  const floor = summaries.floor?.rps;
  return Object.fromEntries(
    Object.entries(summaries).map(([id, s]) => [id, { ...s, rpsVsApollo: ratio(s.rps, apollo), rpsVsFloor: ratio(s.rps, floor) }]),
  );
}

/** Geometric mean of positive numbers (null when none): the fair average of ratios. */
export function geometricMean(values: readonly (number | null)[]): number | null {
  const xs = values.filter((x): x is number => x !== null && x > 0);
  return xs.length === 0 ? null : Math.exp(xs.reduce((n, x) => n + Math.log(x), 0) / xs.length);
}

const num = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
/** Range of the rounds' throughput over its median: how much the machine's noise moved this figure. */
const rpsSpread = (s: TargetSummary) => spread(s.rounds.map((r) => r.rps).filter((x): x is number => x !== null));
const times = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${x.toFixed(2)}×`);

/** One issue target for `ours`: what was asked, the figure measured, and whether it holds on every operation. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | null;
}

/**
 * The issue's targets for our uncached gateway (`ours`), from this run's figures (issue #10): throughput against Apollo
 * defaults (≥ 1.5×) and Hive with the Rust planner (≥ 1.0×), geometric mean over the operations; and on every
 * operation: p50 under load ≤ 1.5× the floor's, one request alone ≤ 2× the floor's, SQL statements ≤ the floor's + 2,
 * peak RSS no higher than Apollo's.
 */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const measured = results.operations.filter((o) => o.targets.ours);
  if (measured.length === 0) return [];
  const checks: TargetCheck[] = [];
  const rpsRatio = (peer: string) => geometricMean(measured.map((o) => ratio(o.targets.ours.rps, o.targets[peer]?.rps ?? null)));
  const perOperation = (target: string, holds: (o: OperationResult) => boolean | null) => {
    const verdicts = measured.map((o) => ({ id: o.id, ok: holds(o) }));
    const known = verdicts.filter((v) => v.ok !== null);
    const failing = known.filter((v) => !v.ok).map((v) => v.id);
    checks.push({
      target,
      measured: known.length === 0 ? 'not measured' : `${known.length - failing.length} of ${known.length} operations${failing.length > 0 ? ` (not: ${failing.join(', ')})` : ''}`,
      met: known.length === 0 ? null : failing.length === 0,
    });
  };
  const vs = (target: string, peer: string, need: number) => {
    const r = rpsRatio(peer);
    checks.push({ target, measured: r === null ? 'not measured' : `${r.toFixed(2)}×`, met: r === null ? null : r >= need });
  };
  vs('throughput ≥ 1.5× Apollo defaults (geometric mean over the operations)', 'apollo-default', 1.5);
  vs('throughput ≥ 1.0× Hive Gateway + Rust planner (geometric mean over the operations)', 'hive-rust', 1.0);
  const both = (a: number | null | undefined, b: number | null | undefined, ok: (a: number, b: number) => boolean) =>
    a === null || a === undefined || b === null || b === undefined ? null : ok(a, b);
  perOperation('p50 under load ≤ 1.5× the floor’s', (o) => both(o.targets.ours.p50, o.targets.floor?.p50, (a, b) => a <= 1.5 * b));
  perOperation('one request alone ≤ 2× the floor’s', (o) => both(o.targets.ours.aloneMs, o.targets.floor?.aloneMs, (a, b) => a <= 2 * b));
  perOperation('SQL statements ≤ the floor’s + 2', (o) => both(o.sql?.graphTotal, o.sql?.floor, (a, b) => a <= b + 2));
  perOperation('peak RSS no higher than Apollo defaults', (o) => both(o.targets.ours.peakRssMiB, o.targets['apollo-default']?.peakRssMiB, (a, b) => a <= b));
  return checks;
}

function targetChecks(results: BenchResults): string[] {
  const checks = checkTargets(results);
  if (checks.length === 0) return [];
  return [
    '## The targets, for `ours` (uncached)',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...checks.map((c) => `| ${c.target} | ${c.measured} | ${c.met === null ? '–' : c.met ? 'yes' : '**no**'} |`),
    '',
    'Where the time goes, and why a target is not met: `docs/performance.md`.',
  ];
}

/** The Markdown report. */
export function toMarkdown(results: BenchResults): string {
  const { meta } = results;
  const lines: string[] = [];
  lines.push('# Benchmark: our gateway beside the peer gateways and the direct-SQL floor', '');
  lines.push(
    `Run ${meta.date} · commit \`${meta.commit.slice(0, 12)}\`${meta.dirty ? ' (with uncommitted changes)' : ''} · mode **${meta.mode}** · ` +
      `dataset **${meta.dataset.size}** (seed ${meta.dataset.seed}) · ${meta.machine.nproc} cores, ${meta.machine.memoryGiB} GiB (${meta.machine.cpu}), Node ${meta.machine.node} · ${meta.database}`,
    '',
    `Load: ${meta.load.connections} concurrent connections (each a distinct caller of the operation's role), ` +
      `${meta.load.warmupSeconds > 0 ? `${meta.load.warmupSeconds} s warm-up per target` : 'no warm-up beyond one answer check per target'}, then ${meta.load.rounds} round(s) of ` +
      `${meta.load.durationSeconds} s per target, targets alternating (A B C … A B C …). ` +
      (results.headline
        ? `Headline scenario (summary, targets, per operation): **${results.headline.title}**. Every response is checked (HTTP 200, no errors) and compared in full with the floor's answer to the same variables. `
        : `Every response is checked (HTTP 200, no errors); one in ${meta.load.sampleEvery} is compared in full with the reference answer. `) +
      (meta.responseCache === 'none'
        ? 'No response cache anywhere: every number is uncached. '
        : 'Only the targets marked *(cached)* answer from a cache (the response cache, or the entity cache of subgraph fetches); their figures are reported apart and every other number is uncached. ') +
      `Generated by \`npm run bench${meta.mode.startsWith('quick') ? ' -- --quick' : ''}\` (bench/README.md); the run took ${Math.round(meta.seconds.total)} s.`,
    '',
  );
  if (meta.mode.startsWith('quick')) {
    lines.push('> **A quick run** (development mode: region-size data, one round of 1 s per target): indicative only; the published figures are those of a full run.', '');
  }
  lines.push('Targets, each its own process in front of the same four subgraphs and supergraph:', '');
  for (const t of results.targets) lines.push(`- \`${t.id}\`: ${t.label}${t.cached ? ' *(cached)*' : ''}`);
  lines.push('');
  if (results.problems.length > 0) {
    lines.push('## Problems', '');
    for (const p of results.problems) lines.push(`- ${p}`);
    lines.push('');
  }

  lines.push('## Summary: throughput relative to Apollo defaults and to the floor (geometric mean over operations)', '');
  lines.push('| target | × Apollo defaults | × floor |', '|---|---:|---:|');
  for (const t of results.targets) {
    const vsApollo = geometricMean(results.operations.map((o) => o.targets[t.id]?.rpsVsApollo ?? null));
    const vsFloor = geometricMean(results.operations.map((o) => o.targets[t.id]?.rpsVsFloor ?? null));
    lines.push(`| ${t.id}${t.cached ? ' *(cached)*' : ''} | ${times(vsApollo)} | ${times(vsFloor)} |`);
  }
  lines.push('');
  lines.push(...targetChecks(results), '');

  lines.push('## Per operation', '');
  lines.push(
    'req/s: good responses per second, median over rounds; spread: (highest − lowest round) / median, the noise on this figure; p50/p99: latency in ms under load, medians over rounds; alone: one ' +
      'request on the warm target with nothing else running, ms; errors: non-200, ' +
      'connection errors and answers with `errors`, all rounds; peak RSS: of the target process, MiB; CPU: the target process\'s CPU time from the start ' +
      'of a window until the machine is quiet again, per request sent (the subgraphs\' and the database\'s alongside, to show where the ' +
      'time goes); ≈: no request completed within a window, so throughput is the requests sent over the time until all were ' +
      'served (no latency then); –: not measured.',
    '',
  );
  for (const op of results.operations) {
    lines.push(`### ${op.title} (\`${op.operationName}\`, as ${op.identity})`, '');
    const variants = op.variants && op.variants > 1 ? `${op.variants} sets of variables${op.distinct ? ', no two connections alike' : ''}; the first ` : '';
    lines.push(`Variables: ${variants}\`${JSON.stringify(op.variables)}\`${op.responseBytes !== null ? ` · response ${(op.responseBytes / 1024).toFixed(1)} KiB` : ''}`, '');
    if (op.sql) {
      const per = Object.entries(op.sql.graph)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ');
      lines.push(`SQL statements per request: graph **${op.sql.graphTotal}** (${per}); floor **${num(op.sql.floor)}**`, '');
    }
    if (op.traffic && Object.keys(op.traffic).length > 0) {
      const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      const per = Object.entries(op.traffic)
        .map(([t, x]) => `${t} ${kib(x.requestBytes)} → / ${kib(x.responseBytes)} ← (${x.statements} statements)`)
        .join('; ');
      lines.push(`Between gateway and subgraphs, one request (requests with representations → / responses ←): ${per}`, '');
    }
    lines.push(
      '| target | req/s | spread | p50 ms | p99 ms | alone ms | errors | peak RSS MiB | CPU ms/req | subgraphs CPU ms/req | db CPU ms/req | × Apollo | × floor |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const t of results.targets) {
      const s = op.targets[t.id];
      if (!s) continue;
      lines.push(
        `| ${t.id}${t.cached ? ' *(cached)*' : ''} | ${s.approximate && s.rps !== null ? '≈' : ''}${num(s.rps, s.rps !== null && s.rps < 10 ? 2 : 1)} | ${percent(rpsSpread(s))} | ${num(s.p50, 1)} | ${num(s.p99, 1)} | ${num(s.aloneMs)} | ${s.errors} | ${num(s.peakRssMiB)} | ${num(s.cpuMsPerRequest, 2)} | ` +
          `${num(s.subgraphCpuMsPerRequest, 2)} | ${num(s.databaseCpuMsPerRequest, 2)} | ${times(s.rpsVsApollo)} | ${times(s.rpsVsFloor)} |`,
      );
    }
    lines.push('');
  }
  for (const scenario of results.scenarios ?? []) lines.push(...scenarioSection(results, scenario));
  if (results.import) lines.push(...importSection(results.import));
  return lines.join('\n');
}

/** A further scenario: per operation and target, throughput, latency and CPU, and the ratios. */
function scenarioSection(results: BenchResults, scenario: ScenarioResult): string[] {
  const lines = [`## Scenario: ${scenario.title}`, ''];
  const measured = results.targets.filter((t) => scenario.operations.some((o) => o.targets[t.id]));
  lines.push('| target | × Apollo defaults | × floor |', '|---|---:|---:|');
  for (const t of measured) {
    const vsApollo = geometricMean(scenario.operations.map((o) => o.targets[t.id]?.rpsVsApollo ?? null));
    const vsFloor = geometricMean(scenario.operations.map((o) => o.targets[t.id]?.rpsVsFloor ?? null));
    lines.push(`| ${t.id}${t.cached ? ' *(cached)*' : ''} | ${times(vsApollo)} | ${times(vsFloor)} |`);
  }
  lines.push('', '| operation | target | req/s | p50 ms | p99 ms | errors | CPU ms/req | subgraphs CPU ms/req | db CPU ms/req | × Apollo | × floor |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const op of scenario.operations) {
    for (const t of measured) {
      const s = op.targets[t.id];
      if (!s) continue;
      lines.push(
        `| ${op.id} | ${t.id}${t.cached ? ' *(cached)*' : ''} | ${s.approximate && s.rps !== null ? '≈' : ''}${num(s.rps, s.rps !== null && s.rps < 10 ? 2 : 1)} | ${num(s.p50, 1)} | ${num(s.p99, 1)} | ${s.errors} | ` +
          `${num(s.cpuMsPerRequest, 2)} | ${num(s.subgraphCpuMsPerRequest, 2)} | ${num(s.databaseCpuMsPerRequest, 2)} | ${times(s.rpsVsApollo)} | ${times(s.rpsVsFloor)} |`,
      );
    }
  }
  lines.push('');
  return lines;
}

/** The data load of the run: rows per second written per file. */
function importSection(timing: ImportTiming): string[] {
  const lines = [`## Import of the ${timing.size} dataset (${Math.round(timing.seconds)} s, COPY)`, ''];
  lines.push('| subgraph | file | rows | read and checked ms | written ms | rows/s written |', '|---|---|---:|---:|---:|---:|');
  for (const f of timing.files) {
    lines.push(`| ${f.subgraph} | ${f.file} | ${f.rows} | ${Math.round(f.readMs)} | ${Math.round(f.writeMs)} | ${f.writeMs > 0 ? Math.round(f.rows / (f.writeMs / 1000)) : '–'} |`);
  }
  lines.push('');
  return lines;
}
