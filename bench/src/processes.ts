import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stopProcesses } from '../../scripts/src/processes.ts';
import { PATHS } from './config.ts';

/** A child process of the benchmark, its output going to bench/results/logs/<name>.log. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pid: number;
  readonly logFile: string;
}

/** Starts a Node script on this same Node binary (Node 24), with its output in a log file. */
export function startScript(name: string, script: string, env: NodeJS.ProcessEnv, args: string[] = []): Child {
  mkdirSync(PATHS.logs, { recursive: true });
  const logFile = join(PATHS.logs, `${name}.log`);
  const out = createWriteStream(logFile);
  // BENCH_CPU_PROFILE=<dir> / BENCH_HEAP_PROFILE=<dir>: each process writes a V8 CPU / sampling heap profile there when
  // it exits (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`, `--cpu-prof-name=${name}.cpuprofile`] : process.env.BENCH_HEAP_PROFILE ? ['--heap-prof', `--heap-prof-dir=${process.env.BENCH_HEAP_PROFILE}`, `--heap-prof-name=${name}.heapprofile`] : [];
  const child = spawn(process.execPath, [...profile, script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${script}`);
  return { name, process: child, pid: child.pid, logFile };
}

/** Waits until `probe` succeeds, failing early when the process exits and after the timeout. */
export async function waitUntil(child: Child, what: string, probe: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited with code ${child.process.exitCode} (see ${child.logFile})`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name}: ${what} not ready within ${timeoutMs / 1000}s (see ${child.logFile})`);
}

/** Stops children with SIGTERM, then SIGKILL after a grace period (the project's own stopProcesses). */
export const stopChildren = (children: readonly Child[], graceMs = 5000): Promise<void> =>
  stopProcesses(
    children.map((c) => c.process),
    graceMs,
  );
