/**
 * A school as this subgraph knows one: by URN (the register belongs to the local-authorities subgraph), with the
 * region letter the gateway hands in for the school's figures (`@requires(fields: "regionCode")`), which decides
 * whether a regional analyst may read them.
 */
export interface SchoolReference {
  readonly urn: string;
  readonly regionCode?: string | null;
}
