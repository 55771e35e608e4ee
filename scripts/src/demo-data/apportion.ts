/**
 * Splits `total` into whole shares proportional to the weights (largest remainder), each share at least `min`
 * (so the result can exceed `total` when the minimums require it). Deterministic: ties go to the earlier key.
 */
export function apportion<K>(total: number, weights: ReadonlyMap<K, number>, min = 0): Map<K, number> {
  const keys = [...weights.keys()];
  const sum = keys.reduce((a, k) => a + (weights.get(k) ?? 0), 0);
  const out = new Map<K, number>(keys.map((k) => [k, min]));
  const free = total - min * keys.length;
  if (free <= 0 || sum <= 0) return out;
  const exact = keys.map((k) => ((weights.get(k) ?? 0) / sum) * free);
  const floors = exact.map(Math.floor);
  let left = free - floors.reduce((a, b) => a + b, 0);
  keys.forEach((k, i) => {
    out.set(k, min + floors[i]);
  });
  const order = keys.map((_, i) => i).sort((a, b) => exact[b] - floors[b] - (exact[a] - floors[a]) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    out.set(keys[i], (out.get(keys[i]) ?? 0) + 1);
    left--;
  }
  return out;
}
