import type { ProgressListener } from '@tdg/kit/load/progress';
import { barListener } from './bar.ts';
import { lineListener } from './lines.ts';

/**
 * Progress of the commands' long work (import, demo data, the demo load of `npm start`), file by file: a bar in a
 * terminal, plain periodic lines otherwise (`PROGRESS_INTERVAL_MS`, 2 s by default, and one at the end of each file).
 */
export function progressListener(intervalMs: number, stream: NodeJS.WriteStream = process.stdout): ProgressListener {
  return stream.isTTY ? barListener(stream) : lineListener((line) => stream.write(`${line}\n`), intervalMs);
}

export type { ProgressListener };
