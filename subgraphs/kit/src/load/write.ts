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

/**
 * Replaces the lists a link table holds for some parents (e.g. the LAs a hub covers): deletes every link of these
 * parents (in batches of 1,000 ids), then inserts the given ones, each child once per parent. Other parents' links stay.
 */
export async function replaceLinks<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  properties: { readonly parent: keyof T & string; readonly child: keyof T & string },
  lists: readonly (readonly [parentId: string, childIds: readonly string[]])[],
): Promise<void> {
  const parents = lists.map(([parentId]) => parentId);
  for (let i = 0; i < parents.length; i += 1000) {
    await em.nativeDelete(entity, { [properties.parent]: { $in: parents.slice(i, i + 1000) } } as never);
  }
  const links = lists.flatMap(([parentId, childIds]) => [...new Set(childIds)].map((childId) => ({ [properties.parent]: parentId, [properties.child]: childId })));
  await upsertRows(em, entity, links as EntityData<T>[], { ignoreExisting: true });
}
