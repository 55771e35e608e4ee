/**
 * A cold-spot report (owned by the local-authorities subgraph) as the gateway hands it here: its id and, for
 * `curriculumEngagedUrns`, the span of academic years and the candidate schools it `@requires`.
 */
export interface ColdSpotReportReference {
  readonly id: string;
  readonly fromYear?: number | null;
  readonly toYear?: number | null;
  readonly candidateUrns?: readonly string[] | null;
}
