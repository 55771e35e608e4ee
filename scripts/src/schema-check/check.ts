import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { type Change, diff } from '@graphql-inspector/core';
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import { parseSubgraphSdl } from '@tdg/kit/shared-sdl';
import { introspectSubgraph } from '../composition.ts';
import { PROJECT_ROOT } from '../project-config.ts';
import { SUPERGRAPH_CONFIG, readSubgraphList } from '../subgraph-list.ts';
import { loadOperations, type Operation, touches, usedCoordinates, validationErrors } from './operations.ts';

/** The operations every check runs against: the dashboards' questions. */
export const OPERATIONS_DIR = resolve(PROJECT_ROOT, 'schema/operations');

export interface CompositionProblem {
  /** Apollo's error code (`INVALID_GRAPHQL`, `FIELD_TYPE_MISMATCH`, …; `GRAPHQL_PARSE_FAILED` for an SDL that does not parse). */
  readonly code: string;
  readonly message: string;
  /** Where in the subgraphs' SDL, when composition says. */
  readonly locations: readonly { readonly line: number; readonly column: number }[];
}

export type Criticality = 'BREAKING' | 'DANGEROUS' | 'SAFE';

export interface SchemaChange {
  readonly criticality: Criticality;
  /** graphql-inspector's change type (`FIELD_REMOVED`, `FIELD_TYPE_CHANGED`, `FIELD_ARGUMENT_ADDED`, …). */
  readonly type: string;
  readonly message: string;
  /** The schema coordinate changed (`School.name`, `Query.school.urn`). */
  readonly path?: string;
  /** Operations that use what changed. */
  readonly usedBy: readonly string[];
}

export interface BrokenOperation {
  readonly name: string;
  readonly file: string;
  /** Why: the breaking changes it uses, and its validation errors against the new API schema. */
  readonly reasons: readonly string[];
}

export interface SchemaCheckReport {
  readonly subgraph: string;
  readonly file: string;
  /** Whether the subgraph is in the list already (its SDL replaced) or new (added beside the others). */
  readonly mode: 'replace' | 'add';
  readonly composed: boolean;
  readonly compositionErrors: readonly CompositionProblem[];
  readonly operationsChecked: number;
  readonly brokenOperations: readonly BrokenOperation[];
  /** Operations already invalid against the graph as it is (not counted against the candidate). */
  readonly alreadyInvalid: readonly BrokenOperation[];
  readonly changes: readonly SchemaChange[];
  /** Composes and breaks no operation: the command exits 0. */
  readonly ok: boolean;
}

export interface SchemaCheckOptions {
  readonly name: string;
  readonly sdlFile: string;
  /** Folders of operations besides schema/operations/. */
  readonly operationFolders?: readonly string[];
  /** The subgraph list (schema/supergraph.yaml). */
  readonly configPath?: string;
  /** Secret to sign introspection of subgraphs listed by URL. */
  readonly signingSecret?: string;
}

interface Service {
  readonly name: string;
  readonly url: string;
  readonly typeDefs: DocumentNode;
}

const CRITICALITY: Record<string, Criticality> = { BREAKING: 'BREAKING', DANGEROUS: 'DANGEROUS', NON_BREAKING: 'SAFE' };

function problemsOf(errors: readonly GraphQLError[]): CompositionProblem[] {
  return errors.map((e) => ({ code: String(e.extensions?.code ?? 'COMPOSITION_ERROR'), message: e.message, locations: (e.locations ?? []).map(({ line, column }) => ({ line, column })) }));
}

/** The API schema clients see of a composition (the supergraph's, without @inaccessible). */
const apiSchemaOf = (supergraphSdl: string): GraphQLSchema => Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

/**
 * Composes the candidate SDL in place of (or beside, for a new name) subgraph `name` with the rest of the list, using
 * @apollo/composition; then diffs the graph's API schema before and after with @graphql-inspector/core and checks every
 * operation (schema/operations/ and the extra folders): an operation is broken when it uses a breaking change (a
 * removed or renamed field, a changed type or nullability, a new required argument…) or no longer validates.
 */
export async function checkSchema(options: SchemaCheckOptions): Promise<SchemaCheckReport> {
  const { name, sdlFile } = options;
  const list = readSubgraphList(options.configPath ?? SUPERGRAPH_CONFIG);
  const mode = list.some((s) => s.name === name) ? 'replace' : 'add';
  const base = { subgraph: name, file: sdlFile, mode } as const;
  const failed = (compositionErrors: CompositionProblem[]): SchemaCheckReport => ({
    ...base,
    composed: false,
    compositionErrors,
    operationsChecked: 0,
    brokenOperations: [],
    alreadyInvalid: [],
    changes: [],
    ok: false,
  });

  let candidate: DocumentNode;
  try {
    // With the definitions every subgraph shares (the kit's sdl/shared.graphql) it uses, as `npm run compose` reads SDL.
    candidate = parseSubgraphSdl(readFileSync(sdlFile, 'utf8'));
  } catch (error) {
    const e = error as GraphQLError;
    return failed([{ code: 'GRAPHQL_PARSE_FAILED', message: `${sdlFile}: ${e.message}`, locations: (e.locations ?? []).map(({ line, column }) => ({ line, column })) }]);
  }
  const current: Service[] = [];
  for (const s of list) {
    const sdl = s.schemaFile ? readFileSync(s.schemaFile, 'utf8') : await introspectSubgraph(s.subgraphUrl!, options.signingSecret ?? process.env.SUBGRAPH_SIGNING_SECRET);
    current.push({ name: s.name, url: s.routingUrl, typeDefs: parseSubgraphSdl(sdl) });
  }
  const before = composeServices(current);
  if (before.errors) throw new Error(`the graph as it is does not compose: ${before.errors.map((e) => e.message).join('; ')}`);
  const candidateService = { name, url: list.find((s) => s.name === name)?.routingUrl ?? `http://${name}.invalid/graphql`, typeDefs: candidate };
  const after = composeServices(mode === 'replace' ? current.map((s) => (s.name === name ? candidateService : s)) : [...current, candidateService]);
  if (after.errors) return failed(problemsOf(after.errors));

  const oldApi = apiSchemaOf(before.supergraphSdl);
  const newApi = apiSchemaOf(after.supergraphSdl);
  const operations = loadOperations([OPERATIONS_DIR, ...(options.operationFolders ?? [])]);
  const changes: Change[] = await diff(oldApi, newApi);
  const uses = new Map<Operation, ReturnType<typeof usedCoordinates>>();
  const alreadyInvalid: BrokenOperation[] = [];
  for (const op of operations) {
    const errors = validationErrors(oldApi, op);
    if (errors.length > 0) alreadyInvalid.push({ name: op.name, file: op.file, reasons: errors });
    else uses.set(op, usedCoordinates(oldApi, op));
  }
  const reported = changes.map((c): SchemaChange => {
    const usedBy = [...uses].filter(([, used]) => touches(used, c.path, c.type)).map(([op]) => op.name);
    return { criticality: CRITICALITY[c.criticality.level] ?? 'DANGEROUS', type: c.type, message: c.message, ...(c.path ? { path: c.path } : {}), usedBy };
  });
  const brokenOperations: BrokenOperation[] = [];
  for (const [op] of uses) {
    const reasons = [
      ...reported.filter((c) => c.criticality === 'BREAKING' && c.usedBy.includes(op.name)).map((c) => c.message),
      ...validationErrors(newApi, op),
    ];
    if (reasons.length > 0) brokenOperations.push({ name: op.name, file: op.file, reasons });
  }
  return { ...base, composed: true, compositionErrors: [], operationsChecked: operations.length, brokenOperations, alreadyInvalid, changes: reported, ok: brokenOperations.length === 0 };
}
