import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  Kind,
  NoUnusedFragmentsRule,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  TypeInfo,
  typeFromAST,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { PROJECT_ROOT } from '../project-config.ts';

/** One named operation the graph's clients send, with the fragments it uses. */
export interface Operation {
  readonly name: string;
  /** File it is in, relative to the project when inside it. */
  readonly file: string;
  /** The operation with every fragment of the folders it may use. */
  readonly document: DocumentNode;
}

const isOperationFile = (file: string) => /\.(graphql|gql)$/.test(file);

function filesUnder(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((entry) => {
      const path = join(folder, entry);
      return statSync(path).isDirectory() ? filesUnder(path) : isOperationFile(entry) ? [path] : [];
    });
}

/**
 * Every operation in the `.graphql`/`.gql` files under the folders (recursively); a file may hold several operations
 * and fragments, and an operation may use a fragment of any file. Throws naming a file that does not parse.
 */
export function loadOperations(folders: readonly string[]): Operation[] {
  const operations: { node: OperationDefinitionNode; file: string }[] = [];
  const fragments: FragmentDefinitionNode[] = [];
  for (const folder of folders) {
    for (const path of filesUnder(folder)) {
      const file = path.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, path) : path;
      let document: DocumentNode;
      try {
        document = parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`);
      }
      for (const definition of document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION) operations.push({ node: definition, file });
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.push(definition);
      }
    }
  }
  return operations.map(({ node, file }, i) => ({
    name: node.name?.value ?? `(anonymous operation ${i + 1})`,
    file,
    document: { kind: Kind.DOCUMENT, definitions: [node, ...fragments] },
  }));
}

const RULES = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

/** Why an operation is not valid against a schema (graphql-js validation), or nothing. */
export const validationErrors = (schema: GraphQLSchema, operation: Operation): string[] => validate(schema, operation.document, RULES).map((e) => e.message);

/** The schema coordinates an operation uses: fields `Type.field`, arguments `Type.field.arg`, and enum and input types. */
export interface UsedCoordinates {
  readonly fields: ReadonlySet<string>;
  readonly arguments: ReadonlySet<string>;
  readonly types: ReadonlySet<string>;
}

/** What an operation uses of a schema (the schema it is valid against). */
export function usedCoordinates(schema: GraphQLSchema, operation: Operation): UsedCoordinates {
  const fields = new Set<string>();
  const args = new Set<string>();
  const types = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const noteType = (type: ReturnType<typeof getNamedType> | undefined) => {
    if (type && (isEnumType(type) || isInputObjectType(type))) types.add(type.name);
  };
  visit(
    operation.document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        fields.add(`${parent.name}.${field.name}`);
        noteType(getNamedType(field.type));
      },
      Argument() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const arg = typeInfo.getArgument();
        if (parent && field && arg) args.add(`${parent.name}.${field.name}.${arg.name}`);
        if (arg) noteType(getNamedType(arg.type));
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        const named = parent ? getNamedType(parent) : undefined;
        if (named) fields.add(`${named.name}.${node.name.value}`);
        noteType(named);
      },
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type as never);
        if (type) noteType(getNamedType(type));
      },
    }),
  );
  return { fields, arguments: args, types };
}

/** Whether a change at `path` (graphql-inspector's coordinate) of kind `type` touches what an operation uses. */
export function touches(used: UsedCoordinates, path: string | undefined, type: string): boolean {
  if (!path) return false;
  if (used.fields.has(path) || used.arguments.has(path) || used.types.has(path)) return true;
  const parts = path.split('.');
  if (parts.length === 1) return [...used.fields, ...used.arguments].some((c) => c.startsWith(`${path}.`));
  // An enum value or an input field of a type the operation sends or receives.
  if (parts.length === 2) return used.types.has(parts[0]);
  // A new required argument breaks every use of its field.
  return type === 'FIELD_ARGUMENT_ADDED' && used.fields.has(`${parts[0]}.${parts[1]}`);
}
