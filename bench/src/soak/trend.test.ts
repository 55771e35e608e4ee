import { mannKendallZ, memoryTrend, percentile } from './trend.ts';

const series = (f: (i: number) => number, n = 60) => Array.from({ length: n }, (_, i) => ({ t: i * 5000, mib: f(i) }));
// A fixed pseudo-random noise, so the test is the same every run.
const noise = (i: number) => (((i * 7919) % 13) - 6) * 0.8;

test('steady memory with noise, or a warm-up rise that levels off, is not growing', () => {
  expect(memoryTrend(series((i) => 150 + noise(i))).growing).toBe(false);
  expect(memoryTrend(series((i) => (i < 12 ? 100 + i * 5 : 160) + noise(i))).growing).toBe(false);
});

test('memory rising through the run is growing, even with noise', () => {
  const verdict = memoryTrend(series((i) => 150 + i * 1.5 + noise(i)));
  expect(verdict.growing).toBe(true);
  expect(verdict.z).toBeGreaterThan(2.33);
  expect(verdict.riseMiB).toBeGreaterThan(16);
});

test('a small significant drift under the tolerance is not growing; the Mann-Kendall sign follows the direction', () => {
  expect(memoryTrend(series((i) => 150 + i * 0.1)).growing).toBe(false);
  expect(mannKendallZ([1, 2, 3, 4, 5, 6, 7, 8])).toBeGreaterThan(2.33);
  expect(mannKendallZ([8, 7, 6, 5, 4, 3, 2, 1])).toBeLessThan(-2.33);
  expect(mannKendallZ([5, 5, 5, 5, 5])).toBe(0);
});

test('percentiles by nearest rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(percentile(values, 50)).toBe(50);
  expect(percentile(values, 99)).toBe(99);
  expect(percentile([], 50)).toBeNull();
});
