/**
 * A cold-spot analysis as the gateway hands it here: its id, its span of academic years and the candidate schools
 * (from the local-authorities subgraph), for this subgraph to say which candidates engaged with a hub.
 */
export interface ColdSpotReportReference {
  readonly id: string;
  readonly fromYear?: number | null;
  readonly toYear?: number | null;
  readonly candidateUrns?: readonly string[] | null;
}
