import { type BenchResults, checkTargets, geometricMean, type RoundMeasure, summarise, toMarkdown, withRatios } from './report.ts';
import { badResponse, firstDifference, looksGood } from './verify.ts';

const round = (rps: number | null, p50: number | null, extra: Partial<RoundMeasure> = {}): RoundMeasure => ({
  requests: 100,
  seconds: 1,
  rps,
  p50,
  p99: p50 === null ? null : p50 * 2,
  errors: 0,
  cpuMsPerRequest: 2,
  peakRssMiB: 100,
  subgraphCpuMsPerRequest: 5,
  databaseCpuMsPerRequest: 1,
  ...extra,
});

test('a summary takes medians over rounds, the largest peak RSS and every error', () => {
  const s = summarise([round(100, 10, { peakRssMiB: 120, errors: 1 }), round(300, 30), round(200, 20, { errors: 2 })]);
  expect(s.rps).toBe(200);
  expect(s.p50).toBe(20);
  expect(s.p99).toBe(40);
  expect(s.peakRssMiB).toBe(120);
  expect(s.errors).toBe(3);
});

test('a round with no completed request does not count in the latency medians; an approximate throughput is marked', () => {
  expect(summarise([round(null, null), round(50, 100)]).rps).toBe(50);
  const slow = summarise([round(0.4, null, { approximate: true }), round(0.6, null, { approximate: true })]);
  expect(slow.rps).toBe(0.5);
  expect(slow.p50).toBeNull();
  expect(slow.approximate).toBe(true);
  expect(summarise([round(50, 100)]).approximate).toBe(false);
});

test('ratios are against apollo-default and the floor', () => {
  const r = withRatios({
    ours: { ...summarise([round(150, 10)]), aloneMs: null },
    'apollo-default': { ...summarise([round(100, 10)]), aloneMs: null },
    floor: { ...summarise([round(600, 2)]), aloneMs: null },
  });
  expect(r.ours.rpsVsApollo).toBe(1.5);
  expect(r.ours.rpsVsFloor).toBe(0.25);
  expect(r.floor.rpsVsFloor).toBe(1);
});

test('the geometric mean averages ratios fairly', () => {
  expect(geometricMean([2, 0.5])).toBeCloseTo(1);
  expect(geometricMean([null])).toBeNull();
});

test('the Markdown report has a row per target and the SQL statements of each operation', () => {
  const results: BenchResults = {
    meta: {
      date: '2026-01-01T00:00:00.000Z',
      commit: '0123456789abcdef',
      dirty: false,
      mode: 'full',
      dataset: { size: 'national', seed: 1 },
      machine: { nproc: 2, memoryGiB: 24, cpu: 'cpu', node: '24.0.0' },
      load: { rounds: 3, durationSeconds: 8, warmupSeconds: 3, connections: 8, sampleEvery: 50 },
      database: 'embedded PostgreSQL',
      responseCache: 'none',
      seconds: { load: 10, total: 20 },
    },
    targets: [
      { id: 'ours', label: 'our gateway' },
      { id: 'apollo-default', label: 'Apollo' },
      { id: 'floor', label: 'floor' },
    ],
    operations: [
      {
        id: 'regional-overview',
        title: 'Regional overview',
        operationName: 'RegionalOverview',
        identity: 'NATIONAL_ANALYST',
        variables: { regionCode: 'J' },
        responseBytes: 2048,
        sql: { graph: { 'local-authorities': 2, scitts: 1 }, graphTotal: 3, floor: 2 },
        targets: withRatios({
          ours: { ...summarise([round(150, 10)]), aloneMs: 7 },
          'apollo-default': { ...summarise([round(100, 12)]), aloneMs: 8 },
          floor: { ...summarise([round(null, null)]), aloneMs: null },
        }),
      },
    ],
    problems: [],
  };
  const md = toMarkdown(results);
  expect(md).toContain('commit `0123456789ab`');
  expect(md).toContain('| ours | 150.0 | – | 10.0 | 20.0 | 7 | 0 | 100 | 2.00 | 5.00 | 1.00 | 1.50× | – |');
  expect(md).toContain('| floor | – | – | – | – | – | 0 |');
  expect(md).toContain('SQL statements per request: graph **3** (local-authorities 2, scitts 1); floor **2**');
  expect(md).not.toContain('## Problems');
  expect(md).toContain('| throughput ≥ 1.5× Apollo defaults (geometric mean over the operations) | 1.50× | yes |');
});

test('the targets of the issue are checked for ours on every operation; a miss names the operations', () => {
  const op = (id: string, ours: RoundMeasure, apollo: RoundMeasure, floor: RoundMeasure, alone: [number, number], statements: [number, number]) => ({
    id,
    title: id,
    operationName: id,
    identity: 'NATIONAL_ANALYST',
    variables: {},
    responseBytes: null,
    sql: { graph: {}, graphTotal: statements[0], floor: statements[1] },
    targets: withRatios({
      ours: { ...summarise([ours]), aloneMs: alone[0] },
      'apollo-default': { ...summarise([apollo]), aloneMs: null },
      'hive-rust': { ...summarise([apollo]), aloneMs: null },
      floor: { ...summarise([floor]), aloneMs: alone[1] },
    }),
  });
  const checks = checkTargets({
    targets: [],
    problems: [],
    meta: {} as BenchResults['meta'],
    operations: [
      op('regional-overview', round(200, 30), round(100, 40), round(400, 10), [30, 10], [7, 5]),
      op('cold-spots', round(100, 15, { peakRssMiB: 90 }), round(100, 10), round(400, 10), [15, 10], [8, 5]),
      op('ad-hoc-x', round(400, 10), round(100, 10), round(400, 10), [10, 10], [5, 5]),
    ],
  });
  expect(checks.map((c) => [c.target, c.measured, c.met])).toEqual([
    ['throughput ≥ 1.5× Apollo defaults (geometric mean over the operations)', '2.00×', true],
    ['throughput ≥ 1.0× Hive Gateway + Rust planner (geometric mean over the operations)', '2.00×', true],
    ['p50 under load ≤ 1.5× the floor’s', '2 of 3 operations (not: regional-overview)', false],
    ['one request alone ≤ 2× the floor’s', '2 of 3 operations (not: regional-overview)', false],
    ['SQL statements ≤ the floor’s + 2', '2 of 3 operations (not: cold-spots)', false],
    [expect.stringContaining('peak RSS'), expect.stringMatching(/of 3 operations/), expect.any(Boolean)],
  ]);
});

test('responses: a bad status, errors or no data are named; equal data is no difference', () => {
  expect(badResponse(500, null)).toBe('HTTP 500');
  expect(badResponse(200, { errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] })).toBe('1 error(s), first: no (FORBIDDEN)');
  expect(badResponse(200, { data: null })).toBe('no data');
  expect(badResponse(200, { data: { a: 1 } })).toBeNull();
  expect(looksGood('{"data":{"a":1}}')).toBe(true);
  expect(looksGood('{"errors":[],"data":null}')).toBe(false);
  expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeNull();
});

test('the first difference names its path and both values', () => {
  expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe('data.a[1].b: expected 2, got 3');
  expect(firstDifference({ a: [1, 2] }, { a: [1] })).toBe('data.a: 2 items expected, got 1');
  expect(firstDifference({ a: 1 }, {})).toBe('data.a: missing (expected 1)');
  expect(firstDifference({}, { z: null })).toBe('data.z: unexpected null');
});
