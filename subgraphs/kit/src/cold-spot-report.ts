import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { regionOfLa } from './reference.ts';
import { intArrayParam, query, textArrayParam } from './sql.ts';

/**
 * A cold-spot report (owned by the local-authorities subgraph) as the gateway hands it to the engagement subgraphs: its
 * id and, for the field that `@requires` them, its span of academic years and its candidate schools.
 */
export interface ColdSpotReportReference {
  readonly id: string;
  readonly fromYear?: number | null;
  readonly toYear?: number | null;
  readonly candidateUrns?: readonly string[] | null;
}

/** The region of a cold-spot report's scope, from its id: `la:808:2021:2024` → the LA's region, `region:E:2021:2024` → `E`. */
export function regionOfColdSpotReport(id: string): string | null {
  const m = /^(la|region):([^:]+):/.exec(id);
  if (!m) return null;
  return m[1] === 'la' ? regionOfLa(m[2]) : m[2];
}

/** A cold-spot report's span and candidate schools, as handed in by the gateway. */
export interface SpanCandidates {
  readonly id: string;
  readonly fromYear: number;
  readonly toYear: number;
  readonly candidateUrns: readonly string[];
}

const spanKey = (r: SpanCandidates): string => `${r.id}|${r.fromYear}|${r.toYear}`;

/**
 * A DataLoader of the candidates of each cold-spot report that engaged with this subgraph within the report's span, in
 * candidate order without repeats: one statement for every report of the request, whatever their spans. `events` is a
 * SQL query of the subgraph's engagement as rows `(urn, year)` (a union where there are several kinds); candidates are
 * joined to it (an `exists … or exists …` per candidate ran as a sub-plan per row: seconds for a region). Candidates
 * travel as two arrays, `(report index, urn)`, and spans as two arrays indexed by report, so that the planner knows how
 * many candidates there are and probes `(urn, year)` indexes per candidate. No statement is run when no report has a
 * candidate.
 */
export function engagedCandidatesLoader(em: EntityManager, events: string): DataLoader<SpanCandidates, string[], string> {
  return new DataLoader<SpanCandidates, string[], string>(
    async (reports) => {
      const indexes: number[] = [];
      const urns: string[] = [];
      reports.forEach((r, i) => {
        for (const urn of new Set(r.candidateUrns)) {
          indexes.push(i);
          urns.push(urn);
        }
      });
      const rows =
        urns.length === 0
          ? []
          : await query<{ k: number; urn: string }>(
              em,
              `select distinct s.k, s.urn from unnest(?::int[], ?::text[]) as s(k, urn)
               join (${events}) e on e.urn = s.urn and e.year between (?::int[])[s.k + 1] and (?::int[])[s.k + 1]`,
              [intArrayParam(indexes), textArrayParam(urns), intArrayParam(reports.map((r) => r.fromYear)), intArrayParam(reports.map((r) => r.toYear))],
            );
      const found = reports.map(() => new Set<string>());
      for (const r of rows) found[Number(r.k)].add(r.urn);
      return reports.map((r, i) => [...new Set(r.candidateUrns)].filter((urn) => found[i].has(urn)));
    },
    { cacheKeyFn: spanKey, maxBatchSize: 50_000 },
  );
}
