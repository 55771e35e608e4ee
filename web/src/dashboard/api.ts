import { operation } from '../shared/operations.ts';
import { pageSettings } from '../shared/session.ts';

export interface GraphQLError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly serviceName?: string };
}

export interface Answer<T> {
  readonly data: T | null;
  readonly errors: readonly GraphQLError[];
}

/**
 * Runs a named operation of schema/operations/ (bundled at build time) through the gateway with the user's token.
 * A refusal or any other GraphQL error comes back in `errors` (with the data the gateway still answered), never thrown.
 */
export async function runOperation<T>(name: string, variables: Record<string, unknown>, token: string): Promise<Answer<T>> {
  const op = operation(name);
  try {
    const res = await fetch(pageSettings().graphqlPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: op.document, variables, operationName: name }),
    });
    const body = (await res.json()) as { data?: T | null; errors?: GraphQLError[] };
    return { data: body.data ?? null, errors: body.errors ?? [] };
  } catch (error) {
    return { data: null, errors: [{ message: `The gateway could not be reached: ${(error as Error).message}`, extensions: { code: 'NETWORK_ERROR' } }] };
  }
}
