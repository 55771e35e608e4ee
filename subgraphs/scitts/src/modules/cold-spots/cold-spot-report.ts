/**
 * A cold-spot report as the gateway hands it here: its id and, for `ittEngagedUrns` (which `@requires` them), the
 * span of academic years and the candidate schools from the local-authorities subgraph.
 */
export interface ColdSpotReportReference {
  readonly id: string;
  readonly fromYear?: number | null;
  readonly toYear?: number | null;
  readonly candidateUrns?: readonly string[] | null;
}
