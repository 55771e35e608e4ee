/**
 * `docker-compose.yml`, written from the subgraph list (`npm run compose` runs it, like deploy/kubernetes/): each
 * subgraph of schema/supergraph.yaml with a folder under subgraphs/ gets its own PostgreSQL, a place in the migration
 * step, its service and the gateways' URL variable; two gateway replicas behind HAProxy. test/generated-files.test.ts
 * fails when the committed file is stale, test/docker-compose.test.ts checks it against the code.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GATEWAY_NODE_OPTIONS } from '@tdg/gateway';
import { SUBGRAPH_NODE_OPTIONS } from '@tdg/kit/node-options';
import type { SubgraphInfo } from '@tdg/kit/subgraph-info';
import { PROJECT_ROOT } from './project-config.ts';
import { deployedSchoolAreasUrl } from './school-areas-url.ts';

export const DOCKER_COMPOSE_PATH = resolve(PROJECT_ROOT, 'docker-compose.yml');

/** Compose's own interpolation, required and without a default: `${NAME:?message}`. */
const required = (name: string, message: string) => `\${${name}:?${message}}`;
const PASSWORD = required('POSTGRES_PASSWORD', 'set POSTGRES_PASSWORD');
const SECRET = required('SUBGRAPH_SIGNING_SECRET', 'set SUBGRAPH_SIGNING_SECRET to a secret of 32+ characters');
const serverUrl = (s: SubgraphInfo) => `postgres://postgres:${PASSWORD}@${s.name}-db:5432/`;
const healthy = (names: readonly string[], indent: string) => names.map((n) => `${indent}${n}:\n${indent}  condition: service_healthy`).join('\n');
const probe = (port: number, path: string) =>
  `["CMD", "node", "-e", "fetch('http://127.0.0.1:${port}${path}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]`;

/** The file's text for these subgraphs (in list order). */
export function renderDockerCompose(subgraphs: readonly SubgraphInfo[]): string {
  const names = subgraphs.map((s) => s.name);
  const schoolAreasUrl = deployedSchoolAreasUrl(subgraphs);
  const database = (s: SubgraphInfo) => `  ${s.name}-db:
    <<: *postgres
    environment:
      POSTGRES_USER: postgres
      POSTGRES_PASSWORD: ${PASSWORD}
      POSTGRES_DB: ${s.databaseName}
    volumes:
      - ${s.name}-data:/var/lib/postgresql/data
`;
  const service = (s: SubgraphInfo) => `  ${s.name}:
    <<: *app
    command: ["node", "subgraphs/${s.name}/src/main.ts"]
    environment:
      <<: *app-env
      ${s.envPrefix}_PORT: "${s.defaultPort}"
      # The subgraphs' heap settings (subgraphs/kit/src/node-options.ts).
      NODE_OPTIONS: ${SUBGRAPH_NODE_OPTIONS}
      DATABASE_URL: ${serverUrl(s)}
      SHUTDOWN_DRAIN_MS: "3000"
${schoolAreasUrl && s.name !== 'local-authorities' ? `      # The register's public URN → LA lookup, fetched again every minute (subgraphs that keep none ignore it).\n      SCHOOL_AREAS_URL: ${schoolAreasUrl}\n` : ''}    expose: ["${s.defaultPort}"]
    stop_grace_period: 30s
    depends_on:
      migrate:
        condition: service_completed_successfully
      ${s.name}-db:
        condition: service_healthy
    healthcheck:
      test: ${probe(s.defaultPort, '/health')}
      interval: 5s
      timeout: 3s
      retries: 20
`;
  return `# Written by \`npm run compose\` from schema/supergraph.yaml (scripts/src/docker-compose-file.ts): do not edit by hand.
# The whole federation in containers: each subgraph with its own PostgreSQL, a one-off migration step, the subgraphs,
# two gateway replicas and HAProxy in front of them (docker/haproxy.cfg), started in order behind health checks and
# restarted when they stop. \`docker compose up --build\`, then http://localhost:4000/graphql. Secrets come from the
# environment (or an .env file beside this one) and have no defaults: SUBGRAPH_SIGNING_SECRET (openssl rand -hex 32),
# POSTGRES_PASSWORD, JWT_ISSUER and one of JWT_PUBLIC_KEY / JWT_JWKS_URL / JWT_SECRET for the gateway. Load data with:
#   docker compose run --rm -v "$PWD/my-data:/data" migrate npm run import -- /data
# test/docker-compose.test.ts checks that the commands, ports and variables here match the code.
x-app: &app
  build: .
  image: teacher-development-graph
  restart: unless-stopped
  environment: &app-env
    NODE_ENV: production
    HOST: 0.0.0.0
    SUBGRAPH_SIGNING_SECRET: ${SECRET}

x-postgres: &postgres
  image: postgres:17
  restart: unless-stopped
  healthcheck:
    test: ["CMD-SHELL", "pg_isready -U postgres -d $$POSTGRES_DB"]
    interval: 5s
    timeout: 3s
    retries: 20

# The gateway replicas (gateway-1, gateway-2): the same process, reached only through the load balancer.
x-gateway: &gateway
  <<: *app
  command: ["node", "gateway/src/main.ts"]
  environment: &gateway-env
    NODE_ENV: production
    HOST: 0.0.0.0
    GATEWAY_PORT: "4000"
    # The gateway's heap settings (gateway/src/node-options.ts).
    NODE_OPTIONS: ${GATEWAY_NODE_OPTIONS}
    # Behind HAProxy: client addresses come from X-Forwarded-For (rate limits per address).
    TRUST_PROXY: "true"
    # SIGTERM: /ready answers 503 at once, the listener closes after the drain delay (HAProxy checks every 2 s).
    SHUTDOWN_DRAIN_MS: "5000"
    SUBGRAPH_SIGNING_SECRET: ${SECRET}
    JWT_ISSUER: \${JWT_ISSUER:?set JWT_ISSUER to the issuer of your tokens}
    JWT_AUDIENCE: \${JWT_AUDIENCE:-teacher-development-graph}
    JWT_ALGORITHM: \${JWT_ALGORITHM:-RS256}
    JWT_PUBLIC_KEY: \${JWT_PUBLIC_KEY:-}
    JWT_JWKS_URL: \${JWT_JWKS_URL:-}
    JWT_SECRET: \${JWT_SECRET:-}
${subgraphs.map((s) => `    ${s.envPrefix}_URL: http://${s.name}:${s.defaultPort}/graphql`).join('\n')}
    # The response cache (gateway/README.md): off at 0.
    RESPONSE_CACHE_TTL_SECONDS: \${RESPONSE_CACHE_TTL_SECONDS:-0}
    RESPONSE_CACHE_POLL_MS: \${RESPONSE_CACHE_POLL_MS:-1000}
    RESPONSE_CACHE_MAX_MB: \${RESPONSE_CACHE_MAX_MB:-64}
  expose: ["4000"]
  stop_grace_period: 30s
  depends_on:
${healthy(names, '    ')}
  healthcheck:
    test: ${probe(4000, '/ready')}
    interval: 5s
    timeout: 3s
    retries: 20

services:
${subgraphs.map(database).join('\n')}
  migrate:
    <<: *app
    restart: "no"
    command: ["npm", "run", "migrate"]
    environment:
      <<: *app-env
      # Each subgraph's own server; DATABASE_URL only keeps the command off its embedded PostgreSQL.
      DATABASE_URL: ${subgraphs[0] ? serverUrl(subgraphs[0]) : ''}
${subgraphs.map((s) => `      ${s.envPrefix}_DATABASE_URL: ${serverUrl(s)}${s.databaseName}`).join('\n')}
    depends_on:
${healthy(
  names.map((n) => `${n}-db`),
  '      ',
)}

${subgraphs.map(service).join('\n')}
  gateway-1:
    <<: *gateway

  gateway-2:
    <<: *gateway

  # The one entry point: HAProxy spreads requests over the gateway replicas that are ready (docker/haproxy.cfg).
  load-balancer:
    image: haproxy:3.2
    restart: unless-stopped
    volumes:
      - ./docker/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro
    ports:
      - "4000:4000"
    depends_on:
      gateway-1:
        condition: service_healthy
      gateway-2:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "haproxy", "-c", "-q", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]
      interval: 30s
      timeout: 5s
      retries: 3

volumes:
${subgraphs.map((s) => `  ${s.name}-data:`).join('\n')}
`;
}

/** Writes docker-compose.yml for these subgraphs. */
export function writeDockerCompose(subgraphs: readonly SubgraphInfo[]): void {
  writeFileSync(DOCKER_COMPOSE_PATH, renderDockerCompose(subgraphs));
}
