import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The shape of a result as the operation asks for it: each response key (alias or field name) is a leaf (`null`: a
 * scalar, an enum or a list of them) or a tree of its own (an object or a list of objects). Fragments and inline
 * fragments are merged in; fields under `@skip`/`@include` are kept (a column that may be empty).
 */
export type SelectionTree = Map<string, SelectionTree | null>;

/** The operation a request runs: the one named, or the only one in the document. */
export function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

export function selectionTree(document: DocumentNode, operation: OperationDefinitionNode): SelectionTree {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const collect = (selectionSet: SelectionSetNode, into: SelectionTree, seen: ReadonlySet<string>): SelectionTree => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (!selection.selectionSet) {
          if (!into.has(key)) into.set(key, null);
          continue;
        }
        into.set(key, collect(selection.selectionSet, into.get(key) ?? new Map(), seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet, into, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) collect(fragment.selectionSet, into, new Set([...seen, fragment.name.value]));
      }
    }
    return into;
  };
  return collect(operation.selectionSet, new Map(), new Set());
}

/** The dotted paths of every leaf under a tree, in the order the operation asks for them. */
export function leafPaths(tree: SelectionTree, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, child] of tree) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child === null) paths.push(path);
    else paths.push(...leafPaths(child, path));
  }
  return paths;
}
