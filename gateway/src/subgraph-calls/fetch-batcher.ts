import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type DocumentNode, parse } from 'graphql';
import { type MergedOperation, mergeable, mergeOperations, prefixedVariables, splitAnswer } from './merge-operations.ts';

/** What the batcher needs of a fetch: its query (text and, when the planner gives it, document) and variables. */
export interface BatchableFetch {
  readonly request: { query?: string; variables?: Record<string, unknown>; operationName?: string };
  readonly document?: DocumentNode;
}

/** Merged query texts kept, by their members' texts (the planner's fetches repeat: a few per operation). */
const MAX_MERGED = 1000;

interface Member<O extends BatchableFetch> {
  readonly options: O;
  readonly document: DocumentNode;
  resolve(answer: GatewayGraphQLResponse): void;
  reject(error: unknown): void;
}

/**
 * Fetches to one subgraph that the query planner starts together for one incoming request (the branches of a
 * `Parallel` node: e.g. a region's figures and its LAs' figures from the same subgraph) are sent as one request: the
 * members are queued for the current microtask and then merged (merge-operations.ts). The subgraph runs them in one
 * context, so its DataLoaders answer both from the same statements, and it handles one signed HTTP request instead of
 * several. A lone fetch, or one that cannot be merged, is sent as it is.
 *
 * `send` sends one (possibly merged) fetch; `merge` builds the merged fetch's options from the first member's.
 */
export class FetchBatcher<O extends BatchableFetch> {
  private readonly queues = new WeakMap<object, Member<O>[]>();
  private readonly merged = new Map<string, MergedOperation>();

  private readonly send: (options: O) => Promise<GatewayGraphQLResponse>;
  private readonly withRequest: (first: O, request: { query: string; variables: Record<string, unknown>; operationName: string }) => O;

  constructor(
    send: (options: O) => Promise<GatewayGraphQLResponse>,
    withRequest: (first: O, request: { query: string; variables: Record<string, unknown>; operationName: string }) => O,
  ) {
    this.send = send;
    this.withRequest = withRequest;
  }

  /** Sends `options` with the other fetches queued for the same incoming request (`group`) in this microtask. */
  enqueue(group: object, options: O): Promise<GatewayGraphQLResponse> {
    const query = options.request.query;
    if (!query) return this.send(options);
    const document = options.document ?? parse(query);
    if (!mergeable(document)) return this.send(options);
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(group);
      if (!queue) {
        queue = [];
        this.queues.set(group, queue);
        queueMicrotask(() => {
          this.queues.delete(group);
          this.flush(queue!);
        });
      }
      queue.push({ options, document, resolve, reject });
    });
  }

  private flush(members: Member<O>[]): void {
    if (members.length === 1) {
      const [only] = members;
      this.send(only.options).then(only.resolve, only.reject);
      return;
    }
    const key = members.map((m) => m.options.request.query).join('\u0000');
    const operationName = `${members[0].options.request.operationName ?? 'Fetch'}__batch`;
    let merged = this.merged.get(key);
    if (!merged) {
      merged = mergeOperations(
        members.map((m) => m.document),
        operationName,
      );
      if (this.merged.size >= MAX_MERGED) this.merged.delete(this.merged.keys().next().value!);
      this.merged.set(key, merged);
    }
    const variables: Record<string, unknown> = {};
    members.forEach((m, i) => {
      Object.assign(variables, prefixedVariables(i, merged.variableNames[i], m.options.request.variables));
    });
    const { rootKeys } = merged;
    this.send(this.withRequest(members[0].options, { query: merged.query, variables, operationName })).then(
      (answer) => {
        members.forEach((m, i) => {
          const share = splitAnswer(i, rootKeys[i], answer.data as Record<string, unknown> | null | undefined, answer.errors as { message: string; path?: (string | number)[] }[] | undefined);
          m.resolve({ ...answer, data: share.data, errors: share.errors as GatewayGraphQLResponse['errors'] });
        });
      },
      (error) => {
        for (const m of members) m.reject(error);
      },
    );
  }
}
