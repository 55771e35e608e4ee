import type { EntityManager } from '@mikro-orm/postgresql';

/** `FileSpec.existingKeys` for an entity keyed by one column: which of these keys the database already holds. */
export const existingKeys =
  <T extends object>(entity: new () => T, key: keyof T & string) =>
  async (em: EntityManager, keys: string[]): Promise<Set<string>> =>
    new Set((await em.find(entity, { [key]: { $in: keys } } as never, { fields: [key] as never })).map((e) => String(e[key])));
