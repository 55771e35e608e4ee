import { type DocumentNode, type FieldNode, Kind, type OperationDefinitionNode, print, visit } from 'graphql';

/**
 * Several operations to one subgraph, made one: each member's root fields aliased with its own prefix, its variables
 * and fragments renamed likewise, so that the subgraph runs them in one request (one context, one set of DataLoaders:
 * the members' entity fetches batch into the same SQL statements) and the answer is split back per member.
 *
 * Only queries whose root selections are fields are merged (the query planner's fetches are: `_entities(...)` or root
 * fields); anything else is left to be sent alone (`mergeable` answers false).
 */
export interface MergedOperation {
  /** The merged query text. */
  readonly query: string;
  /** Each member's root response keys (its aliases or field names), in the member's order. */
  readonly rootKeys: readonly (readonly string[])[];
  /** Each member's variable names, as in its own document. */
  readonly variableNames: readonly (readonly string[])[];
}

/** The prefix of member `i`'s root response keys, variables and fragments. */
export const memberPrefix = (i: number): string => `_${i}_`;

/** The single operation of a document, or undefined. */
function operationOf(document: DocumentNode): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operations.length === 1 ? operations[0] : undefined;
}

/** Whether a fetch's document can be merged with others: one query whose root selections are all fields. */
export function mergeable(document: DocumentNode): boolean {
  const operation = operationOf(document);
  return operation !== undefined && operation.operation === 'query' && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD);
}

/** A member's document with every variable, fragment and root response key prefixed. */
function prefixed(document: DocumentNode, prefix: string): DocumentNode {
  const operation = operationOf(document);
  const roots = new Set(operation?.selectionSet.selections);
  return visit(document, {
    Variable: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
    FragmentDefinition: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
    FragmentSpread: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
    Field: (node) =>
      roots.has(node) ? { ...node, alias: { kind: Kind.NAME, value: prefix + (node.alias ?? node.name).value } } : undefined,
  });
}

/**
 * Merges member documents (each `mergeable`) into one query named `operationName`. Pure: the same documents give the
 * same text, so callers may cache it by the members' query texts.
 */
export function mergeOperations(documents: readonly DocumentNode[], operationName: string): MergedOperation {
  const operations: OperationDefinitionNode[] = [];
  const fragments: DocumentNode['definitions'][number][] = [];
  const rootKeys: string[][] = [];
  const variableNames: string[][] = [];
  documents.forEach((document, i) => {
    const original = operationOf(document)!;
    rootKeys.push(original.selectionSet.selections.map((s) => ((s as FieldNode).alias ?? (s as FieldNode).name).value));
    variableNames.push((original.variableDefinitions ?? []).map((v) => v.variable.name.value));
    const renamed = prefixed(document, memberPrefix(i));
    for (const definition of renamed.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
      else fragments.push(definition);
    }
  });
  const merged: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: { kind: Kind.NAME, value: operationName },
    variableDefinitions: operations.flatMap((o) => o.variableDefinitions ?? []),
    directives: [],
    selectionSet: { kind: Kind.SELECTION_SET, selections: operations.flatMap((o) => o.selectionSet.selections) },
  };
  return { query: print({ kind: Kind.DOCUMENT, definitions: [merged, ...fragments] }), rootKeys, variableNames };
}

/** Member `i`'s variables under their prefixed names. */
export function prefixedVariables(i: number, names: readonly string[], variables: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefix = memberPrefix(i);
  for (const name of names) if (variables && Object.hasOwn(variables, name)) out[prefix + name] = variables[name];
  return out;
}

interface PathError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
}

/**
 * Member `i`'s share of the merged answer: its root keys' data under their own names, and the errors whose path
 * starts at one of its root keys (path restored), plus every error without such a path (a request-level error is
 * every member's, as it would have been had each been sent alone).
 */
export function splitAnswer<E extends PathError>(
  i: number,
  rootKeys: readonly string[],
  data: Record<string, unknown> | null | undefined,
  errors: readonly E[] | undefined,
): { data: Record<string, unknown> | null | undefined; errors: E[] | undefined } {
  const prefix = memberPrefix(i);
  let own: Record<string, unknown> | null | undefined = data;
  if (data) {
    own = {};
    for (const key of rootKeys) if (Object.hasOwn(data, prefix + key)) own[key] = data[prefix + key];
  }
  const mine: E[] = [];
  for (const error of errors ?? []) {
    const head = error.path?.[0];
    if (typeof head === 'string' && /^_\d+_/.test(head)) {
      if (head.startsWith(prefix)) mine.push({ ...error, path: [head.slice(prefix.length), ...error.path!.slice(1)] });
    } else mine.push(error);
  }
  return { data: own, errors: errors ? mine : undefined };
}
