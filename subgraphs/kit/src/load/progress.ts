/**
 * How a load tells its progress, file by file, to whoever shows it (the project's commands draw a bar or print lines:
 * scripts/src/progress/). The kit only counts; it shows nothing itself.
 */
export interface FileProgress {
  /** `rows` read so far, `fraction` (0–1) of the file's bytes. Called often: throttling is the listener's business. */
  update(rows: number, fraction: number): void;
  /** The file is read: `rows` in all. */
  finish(rows: number): void;
}

/** Called as each file starts; `label` names it, e.g. `[scitts] trainees.csv`. */
export type ProgressListener = (label: string) => FileProgress;

/** How many rows between two `update` calls. */
export const PROGRESS_EVERY_ROWS = 500;
