/**
 * Whether memory keeps growing: a trend test over a process's RSS samples (never one reading). After a warm-up, the
 * Mann-Kendall test says whether the samples rise more often than chance allows (one-sided, z > 2.33: p < 0.01), and a
 * least-squares line says by how much; memory "keeps growing" when both say so: a significant upward trend whose fitted
 * rise over the window exceeds the tolerance (by default the larger of 16 MiB and 10 % of where it started).
 */
export interface TrendVerdict {
  readonly growing: boolean;
  /** Mann-Kendall z (positive: rising). */
  readonly z: number;
  /** Fitted rise over the window, MiB. */
  readonly riseMiB: number;
  /** Fitted slope, MiB per minute. */
  readonly slopeMiBPerMinute: number;
  readonly samples: number;
}

export interface Sample {
  /** Milliseconds since the start. */
  readonly t: number;
  readonly mib: number;
}

export function mannKendallZ(values: readonly number[]): number {
  const n = values.length;
  if (n < 4) return 0;
  let s = 0;
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(values[j] - values[i]);
  // Variance with ties: groups of equal values reduce it.
  const ties = new Map<number, number>();
  for (const v of values) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (variance <= 0) return 0;
  return s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
}

export function leastSquaresSlope(samples: readonly Sample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mv = samples.reduce((a, s) => a + s.mib, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.mib - mv);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function memoryTrend(samples: readonly Sample[], options: { warmupFraction?: number; toleranceMiB?: number; toleranceFraction?: number } = {}): TrendVerdict {
  const skip = Math.floor(samples.length * (options.warmupFraction ?? 0.25));
  const window = samples.slice(skip);
  const z = mannKendallZ(window.map((s) => s.mib));
  const slope = leastSquaresSlope(window);
  const span = window.length > 1 ? window[window.length - 1].t - window[0].t : 0;
  const riseMiB = slope * span;
  const start = window[0]?.mib ?? 0;
  const tolerance = Math.max(options.toleranceMiB ?? 16, (options.toleranceFraction ?? 0.1) * start);
  return { growing: window.length >= 8 && z > 2.33 && riseMiB > tolerance, z, riseMiB, slopeMiBPerMinute: slope * 60_000, samples: window.length };
}

/** The p-th percentile (0–100) of durations, nearest rank; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
