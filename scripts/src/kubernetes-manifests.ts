/**
 * The Kubernetes manifests of deploy/kubernetes/, written from the subgraphs of schema/supergraph.yaml and the ports
 * and variables each subgraph's package declares (`tdg` in its package.json), so that a new subgraph gets its Deployment,
 * Service, autoscaler, migration Job and PgBouncer by running `npm run kubernetes` (or `npm run compose`, which also writes the supergraph ConfigMap).
 * test/kubernetes.test.ts checks the files are current and valid against the Kubernetes schemas.
 */
import { GATEWAY_NODE_OPTIONS } from '@tdg/gateway';
import { SUBGRAPH_NODE_OPTIONS } from '@tdg/kit/node-options';
import type { SubgraphInfo } from '@tdg/kit/subgraph-info';
import { stringify } from 'yaml';
import { deployedSchoolAreasUrl } from './school-areas-url.ts';

export const NAMESPACE = 'teacher-development-graph';
/** The project's one image (the root Dockerfile); `kustomize edit set image` points it at a registry and tag. */
export const IMAGE = 'teacher-development-graph:latest';
/** PgBouncer in front of each subgraph's PostgreSQL (transaction pooling). */
export const PGBOUNCER_IMAGE = 'edoburu/pgbouncer:v1.24.1-p1';
export const SUPERGRAPH_CONFIGMAP = 'supergraph';
export const SIGNING_SECRET = 'tdg-subgraph-signing';
export const JWT_SECRET = 'tdg-gateway-jwt';
/** The Secret an operator creates for a subgraph's database (see deploy/README.md). */
export const databaseSecret = (s: SubgraphInfo) => `tdg-${s.name}-database`;

type Manifest = Record<string, unknown>;

const labels = (component: string) => ({ 'app.kubernetes.io/name': component, 'app.kubernetes.io/part-of': 'teacher-development-graph' });
const secretEnv = (name: string, secret: string, key: string, optional = false) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional: true } : {}) } },
});
const securityContext = {
  runAsNonRoot: true,
  runAsUser: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

function probes(port: number, readyPath: string) {
  return {
    // Ready: the process can serve (the gateway: its subgraphs answer; a subgraph: its database answers), and it is
    // not draining (SIGTERM flips it to 503 before the listener closes, see deploy/README.md "Stopping and draining").
    readinessProbe: { httpGet: { path: readyPath, port }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
    // Alive: the event loop answers; restarted only when it stops answering.
    livenessProbe: { httpGet: { path: '/health', port }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    startupProbe: { httpGet: { path: '/health', port }, periodSeconds: 2, failureThreshold: 30 },
  };
}

function deployment(name: string, container: Manifest, options: { replicas: number; volumes?: Manifest[]; terminationGraceSeconds?: number }): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE, labels: labels(name) },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(name) },
        spec: {
          terminationGracePeriodSeconds: options.terminationGraceSeconds ?? 30,
          automountServiceAccountToken: false,
          containers: [container],
          ...(options.volumes ? { volumes: options.volumes } : {}),
        },
      },
    },
  };
}

function service(name: string, port: number): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NAMESPACE, labels: labels(name) },
    spec: { selector: { 'app.kubernetes.io/name': name }, ports: [{ name: 'http', port, targetPort: port }] },
  };
}

function autoscaler(name: string, min: number, max: number): Manifest {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: NAMESPACE, labels: labels(name) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: min,
      maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  };
}

function disruptionBudget(name: string): Manifest {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: NAMESPACE, labels: labels(name) },
    spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': name } } },
  };
}

/** Settings of the drain on SIGTERM (see subgraphs/kit/src/shutdown.ts): the endpoint removal must reach every proxy first. */
const drainEnv = [
  { name: 'SHUTDOWN_DRAIN_MS', value: '5000' },
  { name: 'SHUTDOWN_TIMEOUT_MS', value: '20000' },
];

export function gatewayManifests(subgraphs: readonly SubgraphInfo[]): Manifest[] {
  const name = 'gateway';
  const container = {
    name,
    image: IMAGE,
    command: ['node', 'gateway/src/main.ts'],
    ports: [{ name: 'http', containerPort: 4000 }],
    env: [
      { name: 'NODE_ENV', value: 'production' },
      { name: 'HOST', value: '0.0.0.0' },
      { name: 'GATEWAY_PORT', value: '4000' },
      { name: 'NODE_OPTIONS', value: GATEWAY_NODE_OPTIONS },
      { name: 'SUPERGRAPH_PATH', value: '/etc/tdg/supergraph/supergraph.graphql' },
      { name: 'TRUST_PROXY', value: 'true' },
      ...subgraphs.map((s) => ({ name: `${s.envPrefix}_URL`, value: `http://${s.name}:${s.defaultPort}/graphql` })),
      secretEnv('SUBGRAPH_SIGNING_SECRET', SIGNING_SECRET, 'secret'),
      secretEnv('JWT_ISSUER', JWT_SECRET, 'issuer'),
      secretEnv('JWT_ALGORITHM', JWT_SECRET, 'algorithm'),
      secretEnv('JWT_PUBLIC_KEY', JWT_SECRET, 'public-key', true),
      secretEnv('JWT_JWKS_URL', JWT_SECRET, 'jwks-url', true),
      ...drainEnv,
    ],
    ...probes(4000, '/ready'),
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
    securityContext,
    volumeMounts: [{ name: 'supergraph', mountPath: '/etc/tdg/supergraph', readOnly: true }],
  };
  return [
    deployment(name, container, { replicas: 2, volumes: [{ name: 'supergraph', configMap: { name: SUPERGRAPH_CONFIGMAP } }] }),
    service(name, 4000),
    autoscaler(name, 2, 10),
    disruptionBudget(name),
  ];
}

/** `schoolAreasUrl`: where the register's public URN → LA lookup is published (subgraphs that keep none ignore it). */
export function subgraphManifests(s: SubgraphInfo, schoolAreasUrl?: string): Manifest[] {
  const pooler = `${s.name}-pgbouncer`;
  const container = {
    name: s.name,
    image: IMAGE,
    command: ['node', `subgraphs/${s.name}/src/main.ts`],
    ports: [{ name: 'http', containerPort: s.defaultPort }],
    env: [
      { name: 'NODE_ENV', value: 'production' },
      { name: 'HOST', value: '0.0.0.0' },
      { name: `${s.envPrefix}_PORT`, value: String(s.defaultPort) },
      { name: 'NODE_OPTIONS', value: SUBGRAPH_NODE_OPTIONS },
      // Through this subgraph's PgBouncer: many replicas, few server connections.
      secretEnv(`${s.envPrefix}_DATABASE_URL`, databaseSecret(s), 'pooled-url'),
      { name: 'DB_POOL_SIZE', value: '10' },
      secretEnv('SUBGRAPH_SIGNING_SECRET', SIGNING_SECRET, 'secret'),
      ...(schoolAreasUrl && s.name !== 'local-authorities' ? [{ name: 'SCHOOL_AREAS_URL', value: schoolAreasUrl }] : []),
      ...drainEnv,
    ],
    ...probes(s.defaultPort, '/ready'),
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '768Mi' } },
    securityContext,
  };
  const bouncer = {
    name: 'pgbouncer',
    image: PGBOUNCER_IMAGE,
    ports: [{ name: 'postgres', containerPort: 5432 }],
    env: [
      // The managed PostgreSQL of this subgraph (postgres://user:password@host:5432/database).
      secretEnv('DATABASE_URL', databaseSecret(s), 'direct-url'),
      { name: 'LISTEN_PORT', value: '5432' },
      { name: 'POOL_MODE', value: 'transaction' },
      { name: 'AUTH_TYPE', value: 'scram-sha-256' },
      { name: 'MAX_CLIENT_CONN', value: '500' },
      { name: 'DEFAULT_POOL_SIZE', value: '20' },
    ],
    readinessProbe: { tcpSocket: { port: 5432 }, periodSeconds: 5 },
    livenessProbe: { tcpSocket: { port: 5432 }, periodSeconds: 10 },
    resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '128Mi' } },
    securityContext: { ...securityContext, runAsUser: 70, readOnlyRootFilesystem: false },
  };
  const migrate: Manifest = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${s.name}-migrate`, namespace: NAMESPACE, labels: labels(`${s.name}-migrate`) },
    spec: {
      backoffLimit: 3,
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels: labels(`${s.name}-migrate`) },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          containers: [
            {
              name: 'migrate',
              image: IMAGE,
              command: ['npm', 'run', 'migrate', '--', s.name],
              env: [
                { name: 'NODE_ENV', value: 'production' },
                // Migrations go straight to PostgreSQL (not through PgBouncer's transaction pooling).
                secretEnv('DATABASE_URL', databaseSecret(s), 'direct-url'),
                secretEnv(`${s.envPrefix}_DATABASE_URL`, databaseSecret(s), 'direct-url'),
              ],
              securityContext: { ...securityContext, readOnlyRootFilesystem: false },
            },
          ],
        },
      },
    },
  };
  return [
    deployment(s.name, container, { replicas: 2 }),
    service(s.name, s.defaultPort),
    autoscaler(s.name, 2, 8),
    disruptionBudget(s.name),
    deployment(pooler, bouncer, { replicas: 2 }),
    { ...service(pooler, 5432), spec: { selector: { 'app.kubernetes.io/name': pooler }, ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }] } },
    migrate,
  ];
}

export function supergraphConfigMap(supergraphSdl: string): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: SUPERGRAPH_CONFIGMAP, namespace: NAMESPACE, labels: labels('gateway') },
    data: { 'supergraph.graphql': supergraphSdl },
  };
}

export function namespaceManifest(): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'teacher-development-graph' } } };
}

/** Every file of deploy/kubernetes/ with its text, for the subgraphs of schema/supergraph.yaml (in that order). */
export function renderKubernetes(subgraphs: readonly SubgraphInfo[], supergraphSdl: string): Map<string, string> {
  const header = '# Written by `npm run kubernetes` (scripts/src/kubernetes-manifests.ts): edit that, not this file.\n';
  const files = new Map<string, Manifest[]>([
    ['namespace.yaml', [namespaceManifest()]],
    ['gateway.yaml', gatewayManifests(subgraphs)],
    ...subgraphs.map((s) => [`${s.name}.yaml`, subgraphManifests(s, deployedSchoolAreasUrl(subgraphs))] as [string, Manifest[]]),
    ['supergraph-configmap.yaml', [supergraphConfigMap(supergraphSdl)]],
  ]);
  const out = new Map<string, string>();
  for (const [file, manifests] of files) out.set(file, header + manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n'));
  out.set(
    'kustomization.yaml',
    header +
      stringify(
        { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace: NAMESPACE, resources: [...files.keys()], images: [{ name: IMAGE.split(':')[0], newTag: 'latest' }] },
        { lineWidth: 0 },
      ),
  );
  return out;
}
