/**
 * Response checks: HTTP 200, no `errors`, and the same `data` from every target. A difference is described by its
 * first differing path with both values, short enough for a terminal.
 */
import { isDeepStrictEqual } from 'node:util';

export interface GraphQLBody {
  readonly data?: unknown;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** Why a response is not a good answer, or null when it is. */
export function badResponse(status: number, body: GraphQLBody | null): string | null {
  if (status !== 200) return `HTTP ${status}${body?.errors?.length ? `: ${body.errors[0].message}` : ''}`;
  if (!body) return 'the body is not JSON';
  if (body.errors?.length) {
    const e = body.errors[0];
    return `${body.errors.length} error(s), first: ${e.message}${e.extensions?.code ? ` (${String(e.extensions.code)})` : ''}`;
  }
  if (body.data === undefined || body.data === null) return 'no data';
  return null;
}

/** A cheap check of a raw body for the load generator: a data answer with no errors. */
export const looksGood = (body: string): boolean => body.startsWith('{"data":') && !body.includes('"errors":');

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** The first difference between two JSON values as `path: expected … got …`, or null when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, path = 'data'): string | null {
  if (isDeepStrictEqual(expected, actual)) return null;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    return `${path}: ${expected.length} items expected, got ${actual.length}`;
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected) && !Array.isArray(actual)) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (!(key in a)) return `${path}.${key}: missing (expected ${show(e[key])})`;
      if (!(key in e)) return `${path}.${key}: unexpected ${show(a[key])}`;
      const d = firstDifference(e[key], a[key], `${path}.${key}`);
      if (d) return d;
    }
  }
  return `${path}: expected ${show(expected)}, got ${show(actual)}`;
}
