import { assertYearSpan, badInput } from '@tdg/kit/errors';
import type { SchoolScope } from '../school/school-scope.ts';

/**
 * A cold-spot analysis: a scope (LA or region) and a span of academic years. When the gateway resolves it after the
 * engagement subgraphs, it also carries the candidates each of them saw engaged.
 */
export interface ColdSpotReportModel {
  readonly id: string;
  readonly scope: SchoolScope;
  readonly fromYear: number;
  readonly toYear: number;
  readonly ittEngagedUrns?: string[] | null;
  readonly tshEngagedUrns?: string[] | null;
  readonly curriculumEngagedUrns?: string[] | null;
}

/** The report for a scope and span (validated). */
export function coldSpotReport(scope: SchoolScope, fromYear: number, toYear: number): ColdSpotReportModel {
  assertYearSpan(fromYear, toYear);
  return { id: `${scope.kind}:${scope.code}:${fromYear}:${toYear}`, scope, fromYear, toYear };
}

/** Parses a report id back (as the gateway hands it in a representation). */
export function parseColdSpotId(id: string): Pick<ColdSpotReportModel, 'id' | 'scope' | 'fromYear' | 'toYear'> {
  const m = /^(la|region):([^:]+):(\d{4}):(\d{4})$/.exec(id);
  if (!m) throw badInput(`"${id}" is not a cold-spot report id`, 'id');
  return { id, scope: { kind: m[1] as SchoolScope['kind'], code: m[2] }, fromYear: Number(m[3]), toYear: Number(m[4]) };
}

/** Candidates that no engagement subgraph reported. */
export function coldUrns(candidates: readonly string[], report: ColdSpotReportModel): string[] {
  const engaged = new Set([...(report.ittEngagedUrns ?? []), ...(report.tshEngagedUrns ?? []), ...(report.curriculumEngagedUrns ?? [])]);
  return candidates.filter((urn) => !engaged.has(urn));
}
