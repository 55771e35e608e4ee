import type { FileProgress, ProgressListener } from '@tdg/kit/load/progress';
import { Presets, SingleBar, type Options } from 'cli-progress';
import { rowsPerSecond } from './rate.ts';

/** Bar positions: the fraction of the file done, in thousandths. */
const STEPS = 1000;

/**
 * A progress bar per file in a terminal (cli-progress): the file, the bar, rows read, rows/s and the time left.
 * `options` go to cli-progress as they are (tests pass its `noTTYOutput` to draw into a plain stream).
 */
export function barListener(stream: NodeJS.WritableStream, options: Partial<Options> = {}): ProgressListener {
  return (label): FileProgress => {
    const bar = new SingleBar(
      {
        stream,
        format: '{label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {eta_formatted} left',
        hideCursor: true,
        barsize: 24,
        etaBuffer: 50,
        ...options,
      },
      Presets.shades_classic,
    );
    const started = performance.now();
    bar.start(STEPS, 0, { label, rows: 0, rate: 0 });
    return {
      update: (rows, fraction) => bar.update(Math.floor(fraction * STEPS), { rows, rate: rowsPerSecond(rows, started) }),
      finish: (rows) => {
        bar.update(STEPS, { rows, rate: rowsPerSecond(rows, started) });
        bar.stop();
      },
    };
  };
}
