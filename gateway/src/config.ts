import { fileURLToPath } from 'node:url';
import { nodeEnvVar, parseEnv, portVar, secretVar } from '@tdg/kit/config';
import { SUBGRAPHS, type SubgraphName } from '@tdg/kit/subgraph-registry';
import { z } from 'zod';

/** The gateway's configuration, read once from the environment and validated (every problem listed). */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  /** Path of the composed supergraph SDL. */
  readonly supergraphPath: string;
  /** URL of each subgraph's GraphQL endpoint. */
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  /** Secret shared with the subgraphs, to sign every request sent to them. */
  readonly signingSecret: string;
}

const urlVar = z.string().url().optional();

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const shape: Record<string, z.ZodType> = {
    NODE_ENV: nodeEnvVar,
    GATEWAY_PORT: portVar(4000),
    HOST: z.string().default('127.0.0.1'),
    SUBGRAPH_SIGNING_SECRET: secretVar,
    SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url))),
  };
  for (const s of SUBGRAPHS) {
    shape[`${s.envPrefix}_URL`] = urlVar;
    shape[`${s.envPrefix}_PORT`] = portVar(s.defaultPort);
  }
  const e = parseEnv(z.object(shape), env) as Record<string, unknown>;
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((s) => [s.name, (e[`${s.envPrefix}_URL`] as string | undefined) ?? `http://127.0.0.1:${e[`${s.envPrefix}_PORT`]}/graphql`]),
  ) as Record<SubgraphName, string>;
  return {
    port: e.GATEWAY_PORT as number,
    host: e.HOST as string,
    production: e.NODE_ENV === 'production',
    supergraphPath: e.SUPERGRAPH_PATH as string,
    subgraphUrls,
    signingSecret: e.SUBGRAPH_SIGNING_SECRET as string,
  };
}
