import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { superviseNodeProcess } from './supervisor.ts';

/** The supervisor npm start runs each process under, with real child processes. */
const folder = mkdtempSync(join(tmpdir(), 'tdg-supervisor-'));
const script = (name: string, body: string) => {
  const path = join(folder, name);
  writeFileSync(path, body);
  return path;
};
const until = async (what: () => boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

test('a process that runs out of heap is restarted, with the reason logged and a growing delay', async () => {
  // Keeps allocating until V8 gives up at its 16 MiB old space.
  const hog = script('hog.mjs', 'const keep = []; for (;;) keep.push(new Array(100000).fill(Math.random()));');
  const lines: string[] = [];
  const supervised = superviseNodeProcess('hog', hog, { ...process.env, NODE_OPTIONS: '--max-old-space-size=16' }, {
    log: (line) => lines.push(line),
    backoff: { first: 100, max: 400, resetAfter: 60_000 },
    // Not into the jest worker's stderr: jest-worker takes "heap out of memory" there as its own crash.
    stderr: () => undefined,
  });
  try {
    await until(() => lines.length >= 3, 60_000);
    expect(lines[0]).toMatch(/^\[hog\] (exited with code \d+|killed by SIGABRT|killed by SIGTRAP): JavaScript heap out of memory; restarting in 100 ms$/);
    expect(lines[1]).toMatch(/restarting in 200 ms$/);
    expect(lines[2]).toMatch(/restarting in 400 ms$/);
    expect(supervised.restarts).toBeGreaterThanOrEqual(2);
  } finally {
    await supervised.stop();
  }
}, 90_000);

test('a process killed from outside comes back as a new process; stop() ends it for good', async () => {
  const server = script('idle.mjs', 'setInterval(() => {}, 1000); process.on("SIGTERM", () => process.exit(0));');
  const lines: string[] = [];
  const restarted: number[] = [];
  const supervised = superviseNodeProcess('idle', server, process.env, {
    log: (line) => lines.push(line),
    onRestart: (child) => restarted.push(child.pid!),
    backoff: { first: 50, max: 50, resetAfter: 60_000 },
  });
  const first = supervised.child.pid!;
  await new Promise((r) => setTimeout(r, 300));
  process.kill(first, 'SIGKILL');
  await until(() => restarted.length === 1);
  expect(lines).toEqual(['[idle] killed by SIGKILL; restarting in 50 ms']);
  expect(supervised.child.pid).not.toBe(first);
  const second = supervised.child;
  await supervised.stop();
  expect(second.signalCode ?? second.exitCode).not.toBeNull();
  await new Promise((r) => setTimeout(r, 200));
  expect(restarted).toHaveLength(1);
  expect(lines).toHaveLength(1);
});
