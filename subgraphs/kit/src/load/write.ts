import type { EntityData, EntityManager, EntityName } from '@mikro-orm/postgresql';
import { type RowSource, copyUpsert } from './copy-upsert.ts';
import { loadContextOf } from './pg-client.ts';
import type { ParsedRow } from './spec.ts';

/**
 * Inserts rows, replacing those whose primary key exists (`insert … on conflict do update`, or `do nothing` with
 * `ignoreExisting`). In a load transaction (`transactionalWithClient`, as `importFolder` opens) the rows are streamed
 * with COPY (`copyUpsert`), and a violation PostgreSQL reports is thrown as `RowsRejected` at `source`'s file and line;
 * elsewhere they go in batches through MikroORM's `upsertMany`, without keeping the written entities in the identity map.
 */
export async function upsertRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: EntityData<T>[],
  options: { progress?: (message: string) => void; label?: string; batchSize?: number; ignoreExisting?: boolean; source?: RowSource } = {},
): Promise<void> {
  const load = loadContextOf(em);
  if (load) {
    const started = performance.now();
    await copyUpsert(em, load.client, entity, rows, options);
    const file = options.source?.file ?? '(derived)';
    load.writeMs.set(file, (load.writeMs.get(file) ?? 0) + performance.now() - started);
    return;
  }
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

/** The file and line of each of a file's parsed rows, in the order of `valuesOf` (to locate a row PostgreSQL refuses). */
export const sourceOf = (rows: ReadonlyMap<string, readonly ParsedRow[]>, file: string): RowSource => ({ file, lines: (rows.get(file) ?? []).map((r) => r.line) });

/**
 * Replaces the lists a link table holds for some parents (e.g. the LAs a hub covers): deletes every link of these
 * parents (in batches of 1,000 ids), then inserts the given ones, each child once per parent. Other parents' links stay.
 */
export async function replaceLinks<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  properties: { readonly parent: keyof T & string; readonly child: keyof T & string },
  lists: readonly (readonly [parentId: string, childIds: readonly string[]])[],
  source?: RowSource,
): Promise<void> {
  const parents = lists.map(([parentId]) => parentId);
  for (let i = 0; i < parents.length; i += 1000) {
    await em.nativeDelete(entity, { [properties.parent]: { $in: parents.slice(i, i + 1000) } } as never);
  }
  const links = lists.flatMap(([parentId, childIds], i) =>
    [...new Set(childIds)].map((childId) => ({ link: { [properties.parent]: parentId, [properties.child]: childId }, line: source?.lines[i] ?? 0 })),
  );
  await upsertRows(em, entity, links.map((l) => l.link) as EntityData<T>[], {
    ignoreExisting: true,
    source: source && { file: source.file, lines: links.map((l) => l.line) },
  });
}
