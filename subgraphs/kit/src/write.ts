/**
 * `@tdg/kit/write` — mutations: inputs checked with the import spec's own parsers and checks (a write accepts what a
 * load accepts), every problem as BAD_USER_INPUT with `extensions.field`, and one transaction per write with one retry
 * on a unique-key race.
 */
export { type ColumnsOf, asRow, changedFields, conflicts, rowProblems, ruleOf, rulesFromColumns } from './write/input-rules.ts';
export { type WriteContext, forgetReads, writeTransaction } from './write/transaction.ts';
export { type InputProblem, type InputRule, badField, badInputProblems, validateArguments, validateInput } from './write/validate-input.ts';
