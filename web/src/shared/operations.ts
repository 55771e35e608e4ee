import { Kind, parse, print } from 'graphql';
import coldSpots from '../../../schema/operations/cold-spots.graphql?raw';
import goldenThread from '../../../schema/operations/golden-thread.graphql?raw';
import growingOurOwn from '../../../schema/operations/growing-our-own.graphql?raw';
import regionalOverview from '../../../schema/operations/regional-overview.graphql?raw';
import supportAndEngagement from '../../../schema/operations/support-and-engagement.graphql?raw';
import { EXAMPLE_VARIABLES } from './examples.ts';

export { EXAMPLE_VARIABLES };

/** The files of schema/operations/, read at build time (the bundle holds them as they were when it was built). */
const FILES: Readonly<Record<string, string>> = {
  'regional-overview': regionalOverview,
  'cold-spots': coldSpots,
  'growing-our-own': growingOurOwn,
  'golden-thread': goldenThread,
  'support-and-engagement': supportAndEngagement,
};


export interface NamedOperation {
  /** The operation's name, e.g. `RegionalOverview`. */
  readonly name: string;
  /** The file under schema/operations/ it comes from, without `.graphql`. */
  readonly file: string;
  /** The file's leading comment (what it answers, its variables). */
  readonly comment: string;
  /** The operation alone, as a document to send. */
  readonly document: string;
  /** Example variables (EXAMPLE_VARIABLES). */
  readonly variables: Record<string, unknown>;
}

function leadingComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line);
  }
  return lines.join('\n');
}

/** Every named operation of schema/operations/, in file order, each with the comment of its file. */
export const OPERATIONS: readonly NamedOperation[] = Object.entries(FILES).flatMap(([file, text]) => {
  const comment = leadingComment(text);
  return parse(text).definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION && d.name
      ? [{ name: d.name.value, file, comment, document: `${comment}\n${print(d)}\n`, variables: EXAMPLE_VARIABLES[d.name.value] ?? {} }]
      : [],
  );
});

export function operation(name: string): NamedOperation {
  const op = OPERATIONS.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name} in schema/operations/`);
  return op;
}

/** The explorer's address opening `name` in a tab of its own with these variables. */
export function explorerLink(name: string, variables: Record<string, unknown>): string {
  return `/graphql#${new URLSearchParams({ operation: name, variables: JSON.stringify(variables) })}`;
}
