import DataLoader from 'dataloader';

/**
 * A request-scoped DataLoader that loads many rows for each key with one call, returning them grouped by key (an
 * empty list for a key with none). `fetch` receives every key of the batch and returns all rows; `keyOf` says which
 * key a row belongs to.
 */
export function groupedLoader<K, Row>(
  fetch: (keys: readonly K[]) => Promise<Row[]>,
  keyOf: (row: Row) => K,
  cacheKey?: (key: K) => unknown,
): DataLoader<K, Row[], unknown> {
  return new DataLoader<K, Row[], unknown>(
    async (keys) => {
      const groups = groupBy<unknown, Row>(await fetch(keys), (row) => (cacheKey ? cacheKey(keyOf(row)) : keyOf(row)));
      return keys.map((key) => groups.get(cacheKey ? cacheKey(key) : key) ?? []);
    },
    { cacheKeyFn: cacheKey, maxBatchSize: 50_000 },
  );
}

/** A request-scoped DataLoader that loads at most one row per key (null when missing) with one call. */
export function singleLoader<K, Row>(
  fetch: (keys: readonly K[]) => Promise<Row[]>,
  keyOf: (row: Row) => K,
  cacheKey?: (key: K) => unknown,
): DataLoader<K, Row | null, unknown> {
  return new DataLoader<K, Row | null, unknown>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<unknown, Row>();
      for (const row of rows) byKey.set(cacheKey ? cacheKey(keyOf(row)) : keyOf(row), row);
      return keys.map((key) => byKey.get(cacheKey ? cacheKey(key) : key) ?? null);
    },
    { cacheKeyFn: cacheKey, maxBatchSize: 50_000 },
  );
}

/**
 * A request-scoped DataLoader for keys that carry an argument (an academic year, a filter): keys are grouped by
 * argument and each group is fetched with one call. `argOf` extracts the argument; `cacheKey` must identify a key.
 */
export function loaderByArgument<K, V, A>(
  argOf: (key: K) => A,
  fetchGroup: (arg: A, keys: readonly K[]) => Promise<V[]>,
  cacheKey: (key: K) => unknown,
): DataLoader<K, V, unknown> {
  return new DataLoader<K, V, unknown>(
    async (keys) => {
      const groups = new Map<string, { arg: A; indexes: number[] }>();
      keys.forEach((key, i) => {
        const arg = argOf(key);
        const id = JSON.stringify(arg ?? null);
        let g = groups.get(id);
        if (!g) groups.set(id, (g = { arg, indexes: [] }));
        g.indexes.push(i);
      });
      const out = new Array<V>(keys.length);
      await Promise.all(
        [...groups.values()].map(async ({ arg, indexes }) => {
          const values = await fetchGroup(arg, indexes.map((i) => keys[i]));
          indexes.forEach((i, j) => {
            out[i] = values[j];
          });
        }),
      );
      return out;
    },
    { cacheKeyFn: cacheKey, maxBatchSize: 50_000 },
  );
}

/** Rows grouped by a key, in their original order. */
export function groupBy<K, Row>(rows: readonly Row[], keyOf: (row: Row) => K): Map<K, Row[]> {
  const groups = new Map<K, Row[]>();
  for (const row of rows) {
    const k = keyOf(row);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(row);
  }
  return groups;
}
