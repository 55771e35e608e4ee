/** Small statistics for the benchmark's numbers (pure functions, tested in stats.test.ts). */

/** The median of a list (mean of the two middle values for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  const xs = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** The largest value, or null. */
export function max(values: readonly (number | null)[]): number | null {
  const xs = values.filter((x): x is number => x !== null && Number.isFinite(x));
  return xs.length === 0 ? null : Math.max(...xs);
}

/** `a / b`, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return a / b;
}

/** Relative spread of a list: (max - min) / median, or null. */
export function spread(values: readonly number[]): number | null {
  const m = median(values);
  if (m === null || m === 0 || values.length < 2) return null;
  return (Math.max(...values) - Math.min(...values)) / m;
}
