import { SCHOOL_AREAS_PATH } from '@tdg/kit/area/school-area';
import type { SubgraphInfo } from '@tdg/kit/subgraph-info';

/**
 * SCHOOL_AREAS_URL for the subgraphs `npm start` and `npm run subgraph` start: where the local-authorities subgraph of
 * this graph publishes the register's URN → LA lookup (`<LOCAL_AUTHORITIES_URL's origin, or 127.0.0.1 on its port>`
 * `/reference/school-areas.csv`), unless SCHOOL_AREAS_URL is set already; none when the list has no local-authorities.
 */
export function schoolAreasEnv(infos: readonly SubgraphInfo[], env: NodeJS.ProcessEnv): { SCHOOL_AREAS_URL?: string } {
  if (env.SCHOOL_AREAS_URL !== undefined) return {};
  const la = infos.find((i) => i.name === 'local-authorities');
  if (!la) return {};
  const listed = env[`${la.envPrefix}_URL`];
  const origin = listed ? new URL(listed).origin : `http://127.0.0.1:${env[`${la.envPrefix}_PORT`] || la.defaultPort}`;
  return { SCHOOL_AREAS_URL: `${origin}${SCHOOL_AREAS_PATH}` };
}

/**
 * SCHOOL_AREAS_URL inside a deployment where every subgraph is reached by its name as host on its default port
 * (docker-compose's services, Kubernetes' Services): the local-authorities subgraph's `/reference/school-areas.csv`,
 * or undefined when the list has no local-authorities. Subgraphs that keep no school areas ignore it.
 */
export function deployedSchoolAreasUrl(infos: readonly SubgraphInfo[]): string | undefined {
  const la = infos.find((i) => i.name === 'local-authorities');
  return la ? `http://${la.name}:${la.defaultPort}${SCHOOL_AREAS_PATH}` : undefined;
}
