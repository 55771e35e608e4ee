import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * What is specific to one subgraph's organisation: its name (as composition, the gateway and `schema/supergraph.yaml`
 * know it), the prefix of its environment variables, its default port and the name of its own database. Each subgraph
 * package declares these in the `tdg` field of its own `package.json` (read with `readSubgraphInfo`); nothing central
 * lists them.
 */
export interface SubgraphInfo {
  /** Subgraph name, as composition and the gateway know it (kebab-case, e.g. `research-schools`). */
  readonly name: string;
  /** Human title. */
  readonly title: string;
  /** Prefix of its environment variables, e.g. `RESEARCH_SCHOOLS` for `RESEARCH_SCHOOLS_PORT`. */
  readonly envPrefix: string;
  /** Port it listens on unless `<PREFIX>_PORT` says otherwise. */
  readonly defaultPort: number;
  /** Name of its own database on the PostgreSQL server (unless `<PREFIX>_DATABASE_URL` names one). */
  readonly databaseName: string;
}

/** A subgraph name: lower-case words joined by hyphens, starting with a letter. */
export const SUBGRAPH_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The environment-variable prefix of a subgraph name: `research-schools` → `RESEARCH_SCHOOLS`. */
export const envPrefixOf = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** The default database name of a subgraph: `research-schools` → `tdg_research_schools`. */
export const defaultDatabaseName = (name: string): string => `tdg_${name.replace(/-/g, '_')}`;

/** The `tdg` field of a subgraph package's `package.json`. */
export const subgraphFieldSchema = z.object({
  name: z.string().regex(SUBGRAPH_NAME, 'must be kebab-case (e.g. research-schools)'),
  title: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535),
  database: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier')
    .optional(),
});
export type SubgraphField = z.input<typeof subgraphFieldSchema>;

/** A subgraph's info from its declared fields (title and database default from the name). */
export function defineSubgraphInfo(field: SubgraphField): SubgraphInfo {
  const f = subgraphFieldSchema.parse(field);
  return { name: f.name, title: f.title ?? f.name, envPrefix: envPrefixOf(f.name), defaultPort: f.port, databaseName: f.database ?? defaultDatabaseName(f.name) };
}

/**
 * A subgraph's info from the `tdg` field of a `package.json` (a path or file URL), e.g.
 * `readSubgraphInfo(new URL('../package.json', import.meta.url))`. A missing or invalid field is an error naming the file.
 */
export function readSubgraphInfo(packageJson: string | URL): SubgraphInfo {
  const path = packageJson instanceof URL ? fileURLToPath(packageJson) : packageJson;
  const parsed = subgraphFieldSchema.safeParse((JSON.parse(readFileSync(path, 'utf8')) as { tdg?: unknown }).tdg);
  if (!parsed.success) {
    throw new Error(`${path}: the "tdg" field must describe the subgraph ({ "name", "port", "database"?, "title"? }): ${parsed.error.issues.map((i) => `${i.path.join('.') || 'tdg'}: ${i.message}`).join('; ')}`);
  }
  return defineSubgraphInfo(parsed.data);
}
