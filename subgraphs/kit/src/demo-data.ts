/**
 * A subgraph's share of the demo dataset (`npm start` serves it): the optional `demoData` hook of its SubgraphPackage.
 * The project's generator (scripts/src/demo-data/) makes the public register — schools with their LA and region — and
 * calls each package's hook with it and a random stream seeded from the demo seed and the subgraph's name, so the rows
 * are a pure function of (size, seed). The rows are written as the package's own CSV files (columns in the order of its
 * import spec) and loaded like any other folder.
 */

/** A school of the generated register. */
export interface DemoSchool {
  readonly urn: string;
  readonly name: string;
  readonly laCode: string;
  /** GIAS region letter (A…K) of its LA. */
  readonly regionCode: string;
  /** `OPEN`, `CLOSED`, `OPEN_PROPOSED_TO_CLOSE` or `PROPOSED_TO_OPEN`. */
  readonly status: string;
}

/** Seeded randomness: every draw comes from the stream handed in, never from `Math.random`. */
export interface DemoRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Up to n distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[];
}

/** What a hook receives. */
export interface DemoDataInput {
  /** The generated register's schools, ordered by URN. */
  readonly schools: readonly DemoSchool[];
  readonly random: DemoRandom;
  /** The demo seed (to name things, not to draw from: draw from `random`). */
  readonly seed: number;
}

/** One CSV cell: empty for null, `;`-joined for a list. */
export type DemoCell = string | number | null | readonly string[];

/** Rows per file name (a file of the package's import spec); each row keyed by column header. */
export type DemoFiles = Readonly<Record<string, readonly Readonly<Record<string, DemoCell>>[]>>;

/** A package's demo-data hook. */
export type DemoDataHook = (input: DemoDataInput) => DemoFiles;
