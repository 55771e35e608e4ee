/**
 * Putting a target under load with autocannon: a fixed number of connections sending one operation for a fixed time,
 * each connection a distinct caller sending its own list of requests in turn, every response checked (a data answer
 * without errors, equal to the reference answer of what was asked), and the target process's CPU time and peak memory taken around the run (plus the subgraphs' and the embedded
 * database's CPU time, to see where the time goes).
 */
import autocannon from 'autocannon';
import type { Operation } from './operations.ts';
import { cpuMillis, embeddedPostgresPids, peakRssMiB, resetPeakRss, totalCpuMillis } from './process-stats.ts';
import { looksGood } from './verify.ts';

/** One request a connection sends: the body, the caller's bearer token, and the key of the answer it must get. */
export interface LoadRequest {
  readonly body: string;
  readonly token: string;
  readonly key: string;
}

export interface LoadSpec {
  readonly url: string;
  /** What each connection sends, in turn (one list per connection; each connection a distinct caller). */
  readonly lists: readonly (readonly LoadRequest[])[];
  /** Compares a response with the reference answer of its key: null when equal, else the first difference. */
  readonly check: (key: string, body: string) => string | null;
  /** Seconds of load (whole seconds). */
  readonly seconds: number;
  readonly connections: number;
  /** The target's process, measured. */
  readonly targetPid: number;
  /** The subgraphs' processes, measured together. */
  readonly subgraphPids: readonly number[];
}

export interface RunMeasure {
  /** Responses received (any status). */
  readonly requests: number;
  readonly seconds: number;
  /**
   * Good responses per second in the window; when none completed within it (requests slower than the window), the
   * requests sent over the time until all were served and the machine was quiet again, marked `approximate`.
   */
  readonly rps: number | null;
  readonly approximate: boolean;
  readonly p50: number | null;
  readonly p99: number | null;
  /** Non-2xx, connection errors, timeouts and bodies that are not a clean data answer. */
  readonly errors: number;
  readonly firstBadBody: string | null;
  readonly cpuMsPerRequest: number | null;
  readonly peakRssMiB: number | null;
  readonly subgraphCpuMsPerRequest: number | null;
  readonly databaseCpuMsPerRequest: number | null;
  /** Responses compared in full with their reference (every response that is a clean data answer). */
  readonly checked: number;
  /** The first response that differs from its reference: key and difference. */
  readonly firstMismatch: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the processes and the embedded database use less than 5% of a core over 300 ms (at most two minutes).
 * With DATABASE_URL the database cannot be watched: then it first waits `unwatchedMs` for it.
 */
export async function waitForQuiet(pids: readonly number[], unwatchedMs: number): Promise<void> {
  const database = embeddedPostgresPids();
  await sleep(database.length > 0 ? 100 : unwatchedMs);
  const cpu = () => totalCpuMillis([...pids, ...embeddedPostgresPids()]);
  const deadline = Date.now() + 120_000;
  let last = cpu();
  while (Date.now() < deadline) {
    await sleep(300);
    const now = cpu();
    if (now - last < 15) return;
    last = now;
  }
}

export function requestBody(operation: Operation, variables: Record<string, unknown> = operation.variables): string {
  return JSON.stringify({ query: operation.query, variables, operationName: operation.operationName });
}

export async function runLoad(spec: LoadSpec): Promise<RunMeasure> {
  let checked = 0;
  let firstMismatch: string | null = null;
  let firstBadBody: string | null = null;
  // Every response is compared with the reference answer of what was asked; a body already found equal for a key is
  // recognised by its text (the same target answers the same bytes), so only new texts are parsed and compared.
  const verified = new Map<string, Set<string>>();
  const verify = (key: string, text: string) => {
    if (!looksGood(text)) return;
    checked += 1;
    const known = verified.get(key);
    if (known?.has(text)) return;
    const difference = spec.check(key, text);
    if (difference !== null) {
      firstMismatch ??= `${key}: ${difference}`;
      return;
    }
    if (!known) verified.set(key, new Set([text]));
    else if (known.size < 4) known.add(text);
  };
  const pgPids = embeddedPostgresPids();
  const pgBefore = new Map(pgPids.map((pid) => [pid, cpuMillis(pid)]));
  resetPeakRss(spec.targetPid);
  const startedAt = performance.now();
  const cpuBefore = cpuMillis(spec.targetPid);
  const subgraphsBefore = totalCpuMillis(spec.subgraphPids);
  let connection = 0;
  const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const first = spec.lists[0]![0]!;
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    headers: headers(first.token),
    body: first.body,
    // Each connection sends its own list in turn; its one request in flight (no pipelining) is the last one set up, so
    // a response is checked against the answer of what that connection last sent.
    setupClient: (client) => {
      const mine = spec.lists[connection++ % spec.lists.length]!;
      let next = 0;
      let sent = mine[0]!;
      client.setRequests([
        {
          setupRequest: (request: Record<string, unknown>) => {
            sent = mine[next++ % mine.length]!;
            return { ...request, method: 'POST', body: sent.body, headers: headers(sent.token) };
          },
          onResponse: (status: number, body: string) => {
            if (status === 200) verify(sent.key, String(body));
          },
        },
      ] as never);
    },
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 60,
    verifyBody: (body: unknown) => {
      const text = String(body);
      const good = looksGood(text);
      if (!good && firstBadBody === null) firstBadBody = text.slice(0, 500);
      return good;
    },
  });
  const requests = result.requests.total;
  const sent = result.requests.sent;
  // Requests still in flight when the window closed are abandoned by the load generator but not by the target: let
  // them finish, so that the next run (often another target) starts on an idle machine. The CPU time until then is
  // the cost of every request sent, complete or abandoned.
  await waitForQuiet([spec.targetPid, ...spec.subgraphPids], Math.min(5000, requests > 0 ? result.latency.p99 : 1000));
  const untilQuietSeconds = (performance.now() - startedAt) / 1000;
  const cpu = cpuMillis(spec.targetPid) - cpuBefore;
  const subgraphsCpu = totalCpuMillis(spec.subgraphPids) - subgraphsBefore;
  const pgNow = embeddedPostgresPids();
  const databaseCpu = pgNow.reduce((n, pid) => n + cpuMillis(pid) - (pgBefore.get(pid) ?? 0), 0);
  const good = result['2xx'] - result.mismatches;
  const perRequest = (ms: number) => (sent > 0 ? ms / sent : null);
  return {
    requests,
    seconds: result.duration,
    rps: requests > 0 && result.duration > 0 ? good / result.duration : sent > 0 && result.errors === 0 ? sent / untilQuietSeconds : null,
    approximate: requests === 0 && sent > 0,
    p50: requests > 0 ? result.latency.p50 : null,
    p99: requests > 0 ? result.latency.p99 : null,
    errors: result.non2xx + result.errors + result.mismatches,
    firstBadBody,
    cpuMsPerRequest: perRequest(cpu),
    peakRssMiB: peakRssMiB(spec.targetPid),
    subgraphCpuMsPerRequest: perRequest(subgraphsCpu),
    databaseCpuMsPerRequest: pgPids.length > 0 ? perRequest(databaseCpu) : null,
    checked,
    firstMismatch,
  };
}
