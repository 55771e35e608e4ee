import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_NODE_OPTIONS } from '@tdg/gateway';
import { loadsSchoolAreas, SCHOOL_AREAS_PATH } from '@tdg/kit/area/school-area';
import { SUBGRAPH_NODE_OPTIONS } from '@tdg/kit/node-options';
import { parse } from 'yaml';
import { SUBGRAPH_INFOS, SUBGRAPH_PACKAGES } from '../scripts/src/subgraph-packages.ts';

/**
 * No Docker engine runs where the tests run, so this reads docker-compose.yml and checks it against the code: every
 * subgraph of schema/supergraph.yaml that runs from this repository has its services, as its package declares it; the
 * commands exist, ports and variables are those the code reads, each subgraph has its database, and the start order
 * and health checks hold.
 */
const root = join(import.meta.dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; command: string[]; restart?: string; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[] }; ports?: string[]; expose?: string[]; volumes?: string[] }>;
};
/** The gateway replicas: every service that runs the gateway. */
const gatewayNames = Object.keys(compose.services).filter((name) => compose.services[name].command?.at(-1) === 'gateway/src/main.ts');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('docker-compose.yml', () => {
  test('gives each subgraph its own PostgreSQL server and database, checked for health and kept on a volume', () => {
    for (const sg of SUBGRAPH_INFOS) {
      const db = compose.services[`${sg.name}-db`];
      expect(db?.image).toMatch(/^postgres:\d+$/);
      expect(db.environment?.POSTGRES_DB).toBe(sg.databaseName);
      expect(db.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
      expect(db.healthcheck?.test.join(' ')).toContain('pg_isready');
      expect(db.volumes?.[0]).toMatch(new RegExp(`^${sg.name}-data:`));
      expect(db.restart).toBe('unless-stopped');
    }
  });

  test('runs migrations as their own step with a script that exists', () => {
    const migrate = compose.services.migrate;
    expect(migrate.command).toEqual(['npm', 'run', 'migrate']);
    expect(pkg.scripts.migrate).toBeDefined();
    for (const sg of SUBGRAPH_INFOS) {
      expect(migrate.depends_on?.[`${sg.name}-db`].condition).toBe('service_healthy');
      expect(migrate.environment?.[`${sg.envPrefix}_DATABASE_URL`]).toMatch(new RegExp(`^postgres://.+@${sg.name}-db:5432/${sg.databaseName}$`));
    }
    expect(migrate.environment?.DATABASE_URL).toBeDefined();
    expect(migrate.restart).toBe('no');
  });

  test.each(SUBGRAPH_INFOS.map((s) => [s.name, s] as const))('%s service matches the code', (name, s) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    const script = service.command.at(-1)!;
    expect(service.command[0]).toBe('node');
    expect(existsSync(join(root, script))).toBe(true);
    expect(script).toBe(`subgraphs/${name}/src/main.ts`);
    expect(service.environment?.[`${s.envPrefix}_PORT`]).toBe(String(s.defaultPort));
    expect(service.environment?.DATABASE_URL).toMatch(new RegExp(`^postgres://.+@${name}-db:5432/$`));
    expect(service.depends_on?.[`${name}-db`].condition).toBe('service_healthy');
    expect(service.restart).toBe('unless-stopped');
    expect(service.environment?.HOST).toBe('0.0.0.0');
    // The subgraphs' heap settings, as npm start and each subgraph's own start script run them.
    expect(service.environment?.NODE_OPTIONS).toBe(SUBGRAPH_NODE_OPTIONS);
    expect(JSON.parse(readFileSync(join(root, `subgraphs/${s.name}/package.json`), 'utf8')).scripts.start).toBe(`node ${SUBGRAPH_NODE_OPTIONS} src/main.ts`);
    expect(service.depends_on?.migrate.condition).toBe('service_completed_successfully');
    expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${s.defaultPort}/health`);
  });

  test('every subgraph that keeps school areas refreshes them from the local-authorities service it can reach', () => {
    const la = SUBGRAPH_INFOS.find((s) => s.name === 'local-authorities')!;
    const keeping = SUBGRAPH_PACKAGES.filter((p) => loadsSchoolAreas(p.importSpec)).map((p) => p.info.name);
    expect(keeping.length).toBeGreaterThan(0);
    for (const name of keeping) {
      expect(compose.services[name].environment?.SCHOOL_AREAS_URL).toBe(`http://${la.name}:${la.defaultPort}${SCHOOL_AREAS_PATH}`);
      expect(compose.services[la.name].expose).toContain(String(la.defaultPort));
    }
  });

  test('two gateway replicas reach every subgraph by the variables they read, after they are healthy', () => {
    expect(gatewayNames).toEqual(['gateway-1', 'gateway-2']);
    // The gateway's own start script runs with the same heap settings.
    expect(JSON.parse(readFileSync(join(root, 'gateway/package.json'), 'utf8')).scripts.start).toBe(`node ${GATEWAY_NODE_OPTIONS} src/main.ts`);
    for (const name of gatewayNames) {
      const gateway = compose.services[name];
      expect(existsSync(join(root, gateway.command.at(-1)!))).toBe(true);
      expect(gateway.environment?.GATEWAY_PORT).toBe('4000');
      expect(gateway.environment?.NODE_OPTIONS).toBe(GATEWAY_NODE_OPTIONS);
      expect(gateway.environment?.TRUST_PROXY).toBe('true');
      // Only the load balancer is published: replicas are not reached directly.
      expect(gateway.ports).toBeUndefined();
      expect(gateway.expose).toContain('4000');
      expect(gateway.restart).toBe('unless-stopped');
      for (const s of SUBGRAPH_INFOS) {
        expect(gateway.environment?.[`${s.envPrefix}_URL`]).toBe(`http://${s.name}:${s.defaultPort}/graphql`);
        expect(gateway.depends_on?.[s.name].condition).toBe('service_healthy');
      }
      expect(gateway.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:4000/ready');
    }
  });

  test('HAProxy (official image) publishes port 4000 and checks every gateway replica on /ready, falling back to /health', () => {
    const lb = compose.services['load-balancer'];
    expect(lb.image).toMatch(/^haproxy:\d+\.\d+$/);
    expect(lb.ports).toEqual(['4000:4000']);
    expect(lb.restart).toBe('unless-stopped');
    const [source, target] = lb.volumes![0].split(':');
    expect(target).toBe('/usr/local/etc/haproxy/haproxy.cfg');
    for (const name of gatewayNames) expect(lb.depends_on?.[name].condition).toBe('service_healthy');
    const cfg = readFileSync(join(root, source), 'utf8');
    const backend = (name: string) => cfg.split(/^backend /m).find((b) => b.startsWith(`${name}\n`)) ?? '';
    expect(cfg).toMatch(/^\s+bind :4000$/m);
    expect(backend('gateways')).toContain('option httpchk GET /ready');
    expect(backend('gateways-live')).toContain('option httpchk GET /health');
    for (const b of ['gateways', 'gateways-live']) {
      expect(backend(b)).toMatch(/default-server check /);
      const servers = [...backend(b).matchAll(/^\s+server (\S+) (\S+):(\d+)/gm)].map((m) => [m[1], m[2], m[3]]);
      expect(servers).toEqual(gatewayNames.map((name) => [name, name, '4000']));
    }
    // Only requests that never reached a gateway are retried elsewhere (a mutation is never sent twice).
    expect(cfg).toMatch(/^\s+retry-on conn-failure$/m);
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
      if (name.endsWith('-db') || name === 'load-balancer') continue;
      for (const variable of Object.keys(service.environment ?? {})) {
        const prefix = SUBGRAPH_INFOS.find((s) => variable.startsWith(`${s.envPrefix}_`));
        const read = sources.includes(`'${variable}'`) || sources.includes(`${variable}:`) || (prefix && sources.includes('envPrefix'));
        expect({ service: name, variable, read: Boolean(read) }).toEqual({ service: name, variable, read: true });
      }
    }
    for (const secret of ['SUBGRAPH_SIGNING_SECRET', 'JWT_ISSUER']) expect(raw).toMatch(new RegExp(`\\$\\{${secret}:\\?`));
    for (const s of SUBGRAPH_INFOS) expect(compose.services[s.name].environment?.SUBGRAPH_SIGNING_SECRET).toBeDefined();
    for (const name of gatewayNames) expect(compose.services[name].environment?.SUBGRAPH_SIGNING_SECRET).toBeDefined();
    expect(raw).toMatch(/\$\{POSTGRES_PASSWORD:\?/);
  });

  test('the Dockerfile installs every workspace package', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
    for (const w of workspaces) expect(dockerfile).toContain(`COPY ${w}/package.json ${w}/`);
  });
});
