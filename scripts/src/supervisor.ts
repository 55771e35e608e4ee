import { type ChildProcess, spawn } from 'node:child_process';

/** Restart delays: doubling from the first up to the last, back to the first once a process stayed up a minute. */
export const RESTART_BACKOFF_MS = { first: 500, max: 30_000, resetAfter: 60_000 } as const;

/** Lines of a process's stderr kept to say why it died ("JavaScript heap out of memory", an uncaught error). */
const KEPT_STDERR_BYTES = 4096;

export interface SupervisedProcess {
  readonly name: string;
  /** The process running now (a new one after each restart). */
  readonly child: ChildProcess;
  /** How many times it was restarted. */
  readonly restarts: number;
  /** Stops it for good: no restart after this. */
  stop(graceMs?: number): Promise<void>;
}

export interface SuperviseOptions {
  /** Logs a line (console.error by default). */
  readonly log?: (line: string) => void;
  /** Called with each new process after a restart. */
  readonly onRestart?: (child: ChildProcess) => void;
  readonly backoff?: { readonly first: number; readonly max: number; readonly resetAfter: number };
  /** Where the child's stderr goes besides the kept tail (this process's stderr by default). */
  readonly stderr?: (chunk: Buffer) => void;
}

/** Why a process ended, from its exit code or signal and the end of its stderr. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
  if (/heap out of memory|Allocation failed - JavaScript heap/i.test(stderrTail)) return `${how}: JavaScript heap out of memory`;
  const last = stderrTail
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
  return last ? `${how}: ${last.slice(0, 300)}` : how;
}

/**
 * Runs a Node script as a child process on this same Node binary (stdout passed through, stderr passed through and
 * its end kept) and restarts it whenever it dies, after a delay that doubles with each quick death (RESTART_BACKOFF_MS),
 * logging each death with its reason (exit code or signal, "JavaScript heap out of memory"). `stop()` ends it for good.
 */
export function superviseNodeProcess(name: string, script: string, env: NodeJS.ProcessEnv, options: SuperviseOptions = {}): SupervisedProcess {
  const log = options.log ?? ((line: string) => console.error(line));
  const backoff = options.backoff ?? RESTART_BACKOFF_MS;
  let stopped = false;
  let restarts = 0;
  let delay = backoff.first;
  let timer: NodeJS.Timeout | undefined;
  let child: ChildProcess;

  const start = (): ChildProcess => {
    const started = Date.now();
    const proc = spawn(process.execPath, [script], { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let tail = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      (options.stderr ?? ((c: Buffer) => process.stderr.write(c)))(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-KEPT_STDERR_BYTES);
    });
    proc.on('error', (error) => log(`[${name}] failed to start: ${error.message}`));
    proc.once('exit', (code, signal) => {
      if (stopped) return;
      if (Date.now() - started > backoff.resetAfter) delay = backoff.first;
      log(`[${name}] ${exitReason(code, signal, tail)}; restarting in ${delay} ms`);
      timer = setTimeout(() => {
        timer = undefined;
        if (stopped) return;
        restarts += 1;
        child = start();
        options.onRestart?.(child);
      }, delay);
      delay = Math.min(delay * 2, backoff.max);
    });
    return proc;
  };
  child = start();

  return {
    name,
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    stop: (graceMs = 5000) => {
      stopped = true;
      if (timer) clearTimeout(timer);
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
