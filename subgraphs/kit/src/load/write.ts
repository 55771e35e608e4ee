import type { EntityData, EntityManager, EntityName } from '@mikro-orm/postgresql';

/**
 * Inserts rows, replacing those whose primary key exists (`insert … on conflict do update`), in batches through
 * MikroORM's `upsertMany`, without keeping the written entities in the identity map.
 */
export async function upsertRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: EntityData<T>[],
  options: { progress?: (message: string) => void; label?: string; batchSize?: number; ignoreExisting?: boolean } = {},
): Promise<void> {
  const size = options.batchSize ?? 2000;
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    await em.upsertMany(entity, batch as T[], {
      batchSize: size,
      onConflictAction: options.ignoreExisting ? 'ignore' : 'merge',
    });
    em.clear();
    if (rows.length > 10_000 && options.progress && (i / size) % 5 === 4) {
      options.progress(`${options.label ?? 'rows'}: ${Math.min(i + size, rows.length)}/${rows.length}`);
    }
  }
}

/** The values of a file's parsed rows. */
export const valuesOf = (rows: ReadonlyMap<string, { values: Record<string, unknown> }[]>, file: string) =>
  (rows.get(file) ?? []).map((r) => r.values);
