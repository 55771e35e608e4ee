import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_NODE_OPTIONS } from '@tdg/gateway';
import { parse } from 'yaml';
import { SUBGRAPH_INFOS } from '../scripts/src/subgraph-packages.ts';

/**
 * No Docker engine runs where the tests run, so this reads docker-compose.yml and checks it against the code: every
 * subgraph of schema/supergraph.yaml that runs from this repository has its service, as its package declares it; the
 * commands exist, ports and variables are those the code reads, each subgraph has its database, and the start order
 * and health checks hold.
 */
const root = join(import.meta.dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[] }; ports?: string[]; expose?: string[] }>;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('docker-compose.yml', () => {
  test('creates one database per subgraph in PostgreSQL', () => {
    const init = readFileSync(join(root, 'docker/init-databases.sql'), 'utf8');
    for (const s of SUBGRAPH_INFOS) expect(init).toContain(`CREATE DATABASE ${s.databaseName};`);
    expect(compose.services.postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
  });

  test('runs migrations as their own step with a script that exists', () => {
    const migrate = compose.services.migrate;
    expect(migrate.command).toEqual(['npm', 'run', 'migrate']);
    expect(pkg.scripts.migrate).toBeDefined();
    expect(migrate.depends_on?.postgres.condition).toBe('service_healthy');
  });

  test.each(SUBGRAPH_INFOS.map((s) => [s.name, s] as const))('%s service matches the code', (name, s) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    const script = service.command.at(-1)!;
    expect(service.command[0]).toBe('node');
    expect(existsSync(join(root, script))).toBe(true);
    expect(script).toBe(`subgraphs/${name}/src/main.ts`);
    expect(service.environment?.[`${s.envPrefix}_PORT`]).toBe(String(s.defaultPort));
    expect(service.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\/$/);
    expect(service.environment?.HOST).toBe('0.0.0.0');
    expect(service.depends_on?.migrate.condition).toBe('service_completed_successfully');
    expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${s.defaultPort}/ready`);
  });

  test('the gateway reaches every subgraph by the variables it reads, after they are healthy', () => {
    const gateway = compose.services.gateway;
    expect(existsSync(join(root, gateway.command.at(-1)!))).toBe(true);
    expect(gateway.environment?.GATEWAY_PORT).toBe('4000');
    expect(gateway.environment?.NODE_OPTIONS).toBe(GATEWAY_NODE_OPTIONS);
    // The gateway's own start script runs with the same heap settings.
    expect(JSON.parse(readFileSync(join(root, 'gateway/package.json'), 'utf8')).scripts.start).toBe(`node ${GATEWAY_NODE_OPTIONS} src/main.ts`);
    expect(gateway.ports).toContain('4000:4000');
    for (const s of SUBGRAPH_INFOS) {
      expect(gateway.environment?.[`${s.envPrefix}_URL`]).toBe(`http://${s.name}:${s.defaultPort}/graphql`);
      expect(gateway.depends_on?.[s.name].condition).toBe('service_healthy');
    }
    expect(gateway.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:4000/ready');
  });

  test('every variable it sets is one the code reads, and secrets have no defaults', () => {
    const sources = [
      ...['gateway/src', 'subgraphs/kit/src', 'scripts/src'].flatMap((dir) =>
        readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
          .map((f) => readFileSync(join(root, dir, f), 'utf8')),
      ),
    ].join('\n');
    const raw = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'postgres') continue;
      for (const variable of Object.keys(service.environment ?? {})) {
        const prefix = SUBGRAPH_INFOS.find((s) => variable.startsWith(`${s.envPrefix}_`));
        const read = sources.includes(`'${variable}'`) || sources.includes(`${variable}:`) || (prefix && sources.includes('envPrefix'));
        expect({ service: name, variable, read: Boolean(read) }).toEqual({ service: name, variable, read: true });
      }
    }
    for (const secret of ['SUBGRAPH_SIGNING_SECRET', 'JWT_ISSUER']) expect(raw).toMatch(new RegExp(`\\$\\{${secret}:\\?`));
    for (const s of SUBGRAPH_INFOS) expect(compose.services[s.name].environment?.SUBGRAPH_SIGNING_SECRET).toBeDefined();
    expect(compose.services.gateway.environment?.SUBGRAPH_SIGNING_SECRET).toBeDefined();
  });

  test('the Dockerfile installs every workspace package', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
    for (const w of workspaces) expect(dockerfile).toContain(`COPY ${w}/package.json ${w}/`);
  });
});
