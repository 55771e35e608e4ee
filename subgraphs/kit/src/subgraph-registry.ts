/**
 * The four organisation subgraphs of the graph: their names, default ports and database names. The gateway, the
 * start and import commands, composition and the docker-compose check all read this one list.
 */
export interface SubgraphInfo {
  /** Subgraph name, as composition and the gateway know it. */
  readonly name: SubgraphName;
  /** Human title. */
  readonly title: string;
  /** Prefix of its environment variables, e.g. `LOCAL_AUTHORITIES` for `LOCAL_AUTHORITIES_PORT`. */
  readonly envPrefix: string;
  /** Port it listens on unless `<PREFIX>_PORT` says otherwise. */
  readonly defaultPort: number;
  /** Name of its own database on the PostgreSQL server. */
  readonly databaseName: string;
}

export const SUBGRAPH_NAMES = ['local-authorities', 'teaching-school-hubs', 'scitts', 'curriculum-hubs'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const SUBGRAPHS: readonly SubgraphInfo[] = [
  { name: 'local-authorities', title: 'Local authorities', envPrefix: 'LOCAL_AUTHORITIES', defaultPort: 4001, databaseName: 'tdg_local_authorities' },
  { name: 'teaching-school-hubs', title: 'Teaching School Hubs', envPrefix: 'TEACHING_SCHOOL_HUBS', defaultPort: 4002, databaseName: 'tdg_teaching_school_hubs' },
  { name: 'scitts', title: 'SCITTs', envPrefix: 'SCITTS', defaultPort: 4003, databaseName: 'tdg_scitts' },
  { name: 'curriculum-hubs', title: 'Curriculum hubs', envPrefix: 'CURRICULUM_HUBS', defaultPort: 4004, databaseName: 'tdg_curriculum_hubs' },
];

export function subgraphInfo(name: SubgraphName): SubgraphInfo {
  const info = SUBGRAPHS.find((s) => s.name === name);
  if (!info) throw new Error(`Unknown subgraph ${name}`);
  return info;
}
