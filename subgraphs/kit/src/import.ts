/**
 * `@tdg/kit/import` — the CSV load framework: a subgraph declares its files (columns with their parsers, keys,
 * references, cross-field checks) and how validated rows are written; `importFolder` reads a folder all or nothing,
 * every problem located as `file:line:column: reason`, and records the load in the audit trail.
 */
export * as fields from './load/fields.ts';
export { FieldError, type FieldParser } from './load/fields.ts';
export { type ImportOptions, type ImportResult, LoadRejected, importFolder } from './load/import-folder.ts';
export { type ColumnSpec, type FileSpec, type ImportSpec, type LoadProblem, type ParsedRow, type ReferenceSpec, fileOf, formatProblem } from './load/spec.ts';
export { replaceLinks, sourceOf, upsertRows, valuesOf } from './load/write.ts';
export { existingKeys } from './load/existing-keys.ts';
