/**
 * The load scenarios: what each connection of the load generator asks.
 *
 * - `distinct` (the headline): every connection is a different caller asking with different variables (regions, LAs,
 *   SCITTs, schools, teachers drawn from the data), and no two connections ever send the same variables, so no two
 *   requests in flight are identical and nothing can be shared between them.
 * - `identical`: every connection a different caller of the same role asking the same operation with the same
 *   variables at the same moment (what sharing identical reads in flight is worth).
 * - `mixed`: the five questions and the ad-hoc queries interleaved, each connection cycling through its own share of
 *   every operation's variables (again no two connections alike).
 */
import type { Operation } from './operations.ts';

export type ScenarioId = 'distinct' | 'identical' | 'mixed';

export const SCENARIOS: Readonly<Record<ScenarioId, string>> = {
  distinct: 'distinct callers, distinct variables (no two requests in flight alike)',
  identical: 'distinct callers of one role, identical variables (as dashboards opened at the same moment)',
  mixed: 'the five questions and the ad-hoc queries interleaved, distinct variables',
};

/** One request of a load: which operation, which of its variants. */
export interface Ask {
  readonly operation: Operation;
  readonly variant: number;
}

/** The key of an answer: operation and variant. */
export const answerKey = (a: Ask) => `${a.operation.id}#${a.variant}`;

/**
 * Shares a list of asks among the connections so that no two connections send the same one: connection i sends asks
 * i, i + C, i + 2C, … in turn (the list cut to a multiple of C). With fewer asks than connections some must repeat;
 * `distinct` says whether they do not.
 */
export function perConnection<T>(asks: readonly T[], connections: number): { lists: T[][]; distinct: boolean } {
  if (asks.length === 0) throw new Error('no asks to share');
  if (asks.length < connections) return { lists: Array.from({ length: connections }, (_, i) => [asks[i % asks.length] as T]), distinct: false };
  const used = asks.length - (asks.length % connections);
  const lists = Array.from({ length: connections }, () => [] as T[]);
  for (let j = 0; j < used; j++) lists[j % connections]!.push(asks[j] as T);
  return { lists, distinct: true };
}

/** What each connection asks in a scenario, for one operation (`distinct`, `identical`) or all of them (`mixed`). */
export function scenarioAsks(scenario: ScenarioId, ops: readonly Operation[], connections: number): { lists: Ask[][]; distinct: boolean } {
  if (scenario === 'identical') {
    const [op] = ops;
    return { lists: Array.from({ length: connections }, () => [{ operation: op as Operation, variant: 0 }]), distinct: false };
  }
  if (scenario === 'distinct') {
    const [op] = ops as [Operation];
    return perConnection(op.variants.map((_, variant) => ({ operation: op, variant })), connections);
  }
  // Interleaved: the first variant of every operation, then the second of every operation, …
  const longest = Math.max(...ops.map((o) => o.variants.length));
  const asks: Ask[] = [];
  for (let k = 0; k < longest; k++) for (const op of ops) if (k < op.variants.length) asks.push({ operation: op, variant: k });
  return perConnection(asks, connections);
}
