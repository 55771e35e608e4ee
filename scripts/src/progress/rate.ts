/** Rows per second since `started` (a performance.now() time), rounded. */
export const rowsPerSecond = (rows: number, started: number, now = performance.now()): number =>
  Math.round(rows / Math.max((now - started) / 1000, 0.001));
