import type { FileProgress, ProgressListener } from '@tdg/kit/load/progress';
import { rowsPerSecond } from './rate.ts';

/**
 * Plain lines for logs and CI (stdout not a terminal): one every `intervalMs` while a file is read, and one when it is
 * done, e.g.
 *
 *     [scitts] trainees.csv: 52000 rows (41%), 26000 rows/s, about 3 s left
 *     [scitts] trainees.csv: 126000 rows in 4.9 s, 25714 rows/s
 */
export function lineListener(write: (line: string) => void, intervalMs: number): ProgressListener {
  return (label): FileProgress => {
    const started = performance.now();
    let last = started;
    return {
      update: (rows, fraction) => {
        const now = performance.now();
        // A file's last rows: its end line follows at once.
        if (now - last < intervalMs || fraction >= 1) return;
        last = now;
        const left = fraction > 0 ? ((now - started) / 1000) * ((1 - fraction) / fraction) : Number.NaN;
        const time = Number.isFinite(left) ? `about ${Math.ceil(left)} s left` : 'time left unknown';
        write(`${label}: ${rows} rows (${Math.floor(fraction * 100)}%), ${rowsPerSecond(rows, started, now)} rows/s, ${time}`);
      },
      finish: (rows) => {
        const now = performance.now();
        write(`${label}: ${rows} rows in ${((now - started) / 1000).toFixed(1)} s, ${rowsPerSecond(rows, started, now)} rows/s`);
      },
    };
  };
}
