import type { Operation } from './operations.ts';
import { answerKey, perConnection, scenarioAsks } from './scenarios.ts';

const op = (id: string, variants: number): Operation =>
  ({ id, variants: Array.from({ length: variants }, (_, i) => ({ i })), variables: { i: 0 } }) as unknown as Operation;

test('connections share the asks without overlap: no two connections ever send the same one', () => {
  const { lists, distinct } = perConnection([...'abcdefghijk'], 4);
  expect(distinct).toBe(true);
  expect(lists).toEqual([['a', 'e'], ['b', 'f'], ['c', 'g'], ['d', 'h']]);
});

test('fewer asks than connections must repeat, and say so', () => {
  const { lists, distinct } = perConnection(['a', 'b'], 3);
  expect(distinct).toBe(false);
  expect(lists).toEqual([['a'], ['b'], ['a']]);
});

test('distinct: every connection its own variables; identical: all the first; mixed: every operation, interleaved, none shared', () => {
  const distinct = scenarioAsks('distinct', [op('x', 6)], 3);
  const keys = distinct.lists.map((l) => l.map(answerKey));
  expect(keys).toEqual([['x#0', 'x#3'], ['x#1', 'x#4'], ['x#2', 'x#5']]);
  expect(scenarioAsks('identical', [op('x', 6)], 2).lists.map((l) => l.map(answerKey))).toEqual([['x#0'], ['x#0']]);
  const mixed = scenarioAsks('mixed', [op('x', 3), op('y', 2)], 2);
  expect(mixed.distinct).toBe(true);
  const all = mixed.lists.flat().map(answerKey);
  expect(new Set(all).size).toBe(all.length);
  expect(mixed.lists.map((l) => l.map(answerKey))).toEqual([['x#0', 'x#1'], ['y#0', 'y#1']]);
});
