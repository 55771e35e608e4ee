import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHOOL_AREAS_PATH } from '@tdg/kit/area/school-area';
import { parseAllDocuments } from 'yaml';
import { SUPERGRAPH_PATH } from '../scripts/src/composition.ts';
import { KUBERNETES_DIR } from '../scripts/src/kubernetes.ts';
import { renderKubernetes } from '../scripts/src/kubernetes-manifests.ts';
import { supergraphSubgraphs } from '../scripts/src/supergraph-subgraphs.ts';

/**
 * No cluster runs here: every manifest of deploy/kubernetes/ is parsed and validated against the Kubernetes JSON
 * schemas (kubernetes-models), and checked against the code: each subgraph of schema/supergraph.yaml has its
 * Deployment, Service, autoscaler, probes, database and PgBouncer; the gateway reaches them by the variables it reads.
 */
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  // biome-ignore lint/suspicious/noExplicitAny: manifest bodies of any kind
  spec?: any;
  data?: Record<string, string>;
}

const files = readdirSync(KUBERNETES_DIR).filter((f) => f.endsWith('.yaml'));
const objects: (K8sObject & { file: string })[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(KUBERNETES_DIR, file), 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return { ...(doc.toJS() as K8sObject), file };
  }),
);
const resources = objects.filter((o) => o.kind !== 'Kustomization');
const find = (kind: string, name: string) => resources.find((o) => o.kind === kind && o.metadata.name === name);

/** The kubernetes-models class of an object, e.g. `apps/v1` + `Deployment`. */
async function modelOf(o: K8sObject): Promise<new (data: object) => { validate(): void }> {
  const models = (await import(`kubernetes-models/${o.apiVersion}`)) as Record<string, new (data: object) => { validate(): void }>;
  const model = models[o.kind];
  if (!model) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  return model;
}

test('the committed manifests are those the code writes (`npm run kubernetes`)', () => {
  const expected = renderKubernetes(supergraphSubgraphs(), readFileSync(SUPERGRAPH_PATH, 'utf8'));
  expect(files.sort()).toEqual([...expected.keys()].sort());
  for (const [file, text] of expected) expect({ file, current: readFileSync(join(KUBERNETES_DIR, file), 'utf8') === text }).toEqual({ file, current: true });
});

test.each(resources.map((o) => [`${o.file}: ${o.kind} ${o.metadata.name}`, o] as const))('%s is valid against the Kubernetes schema', async (_, o) => {
  const Model = await modelOf(o);
  const { file: _file, ...manifest } = o as K8sObject & { file: string };
  expect(() => new Model(manifest).validate()).not.toThrow();
});

test('the validator refuses a broken manifest (so the test above can fail)', async () => {
  const deployment = structuredClone(find('Deployment', 'gateway')!) as K8sObject & { file?: string };
  delete deployment.file;
  const Model = await modelOf(deployment);
  deployment.spec.template.spec.containers[0].ports[0].containerPort = 'four thousand';
  expect(() => new Model(deployment).validate()).toThrow();
  delete deployment.spec.selector;
  expect(() => new Model(deployment).validate()).toThrow();
});

test('the kustomization lists every manifest, all in one namespace', () => {
  const kustomization = objects.find((o) => o.kind === 'Kustomization') as unknown as { resources: string[]; namespace: string };
  expect([...kustomization.resources].sort()).toEqual(files.filter((f) => f !== 'kustomization.yaml').sort());
  for (const o of resources.filter((r) => r.kind !== 'Namespace')) expect(o.metadata.namespace).toBe(kustomization.namespace);
});

describe.each(supergraphSubgraphs().map((s) => [s.name, s] as const))('subgraph %s', (name, s) => {
  test('has a Deployment with probes on /ready and /health, a Service, an autoscaler and a disruption budget', () => {
    const deployment = find('Deployment', name);
    expect(deployment).toBeDefined();
    const container = deployment!.spec.template.spec.containers[0];
    expect(container.command).toEqual(['node', `subgraphs/${name}/src/main.ts`]);
    expect(readdirSync(join(KUBERNETES_DIR, '../../subgraphs', name, 'src'))).toContain('main.ts');
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: s.defaultPort });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: s.defaultPort });
    const env = Object.fromEntries(container.env.map((e: { name: string; value?: string }) => [e.name, e]));
    expect(env[`${s.envPrefix}_PORT`].value).toBe(String(s.defaultPort));
    expect(find('Service', name)?.spec.ports[0].port).toBe(s.defaultPort);
    expect(find('HorizontalPodAutoscaler', name)?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    expect(find('PodDisruptionBudget', name)?.spec.selector.matchLabels).toEqual(deployment!.spec.selector.matchLabels);
  });

  test('reaches its own database through its own PgBouncer, its secrets from Secrets, and migrates it in a Job', () => {
    const container = find('Deployment', name)!.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
    expect(env[`${s.envPrefix}_DATABASE_URL`].valueFrom.secretKeyRef).toEqual({ name: `tdg-${name}-database`, key: 'pooled-url' });
    expect(env.SUBGRAPH_SIGNING_SECRET.valueFrom.secretKeyRef.name).toBe('tdg-subgraph-signing');
    const bouncer = find('Deployment', `${name}-pgbouncer`)!.spec.template.spec.containers[0];
    expect(bouncer.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({ name: `tdg-${name}-database`, key: 'direct-url' });
    expect(find('Service', `${name}-pgbouncer`)?.spec.ports[0].port).toBe(5432);
    const job = find('Job', `${name}-migrate`)!.spec.template.spec.containers[0];
    expect(job.command).toEqual(['npm', 'run', 'migrate', '--', name]);
  });

  test('refreshes its school areas from the local-authorities Service (unless it is that subgraph)', () => {
    const container = find('Deployment', name)!.spec.template.spec.containers[0];
    const url = container.env.find((e: { name: string }) => e.name === 'SCHOOL_AREAS_URL')?.value;
    const la = supergraphSubgraphs().find((x) => x.name === 'local-authorities')!;
    if (name === 'local-authorities') expect(url).toBeUndefined();
    else {
      expect(url).toBe(`http://local-authorities:${la.defaultPort}${SCHOOL_AREAS_PATH}`);
      expect(find('Service', 'local-authorities')?.spec.ports[0].port).toBe(la.defaultPort);
    }
  });
});

test('the gateway: replicas, probes, every subgraph by its Service, the supergraph from a ConfigMap, secrets from Secrets', () => {
  const deployment = find('Deployment', 'gateway')!;
  expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 4000 });
  expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 4000 });
  const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
  for (const s of supergraphSubgraphs()) expect(env[`${s.envPrefix}_URL`].value).toBe(`http://${s.name}:${s.defaultPort}/graphql`);
  const configMap = find('ConfigMap', 'supergraph')!;
  expect(configMap.data?.['supergraph.graphql']).toBe(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  const volume = pod.volumes.find((v: { configMap?: { name: string } }) => v.configMap?.name === 'supergraph');
  const mount = container.volumeMounts.find((m: { name: string }) => m.name === volume.name);
  expect(env.SUPERGRAPH_PATH.value).toBe(`${mount.mountPath}/supergraph.graphql`);
  for (const secret of ['SUBGRAPH_SIGNING_SECRET', 'JWT_ISSUER']) expect(env[secret].valueFrom.secretKeyRef).toBeDefined();
  expect(find('HorizontalPodAutoscaler', 'gateway')?.spec.minReplicas).toBeGreaterThanOrEqual(2);
  // No secret value is committed: no Secret objects, no literal secret variables.
  expect(resources.filter((o) => o.kind === 'Secret')).toEqual([]);
  for (const o of resources.filter((r) => r.kind === 'Deployment' || r.kind === 'Job')) {
    for (const c of o.spec.template.spec.containers) {
      for (const e of c.env ?? []) if (/SECRET|PASSWORD|DATABASE_URL|PUBLIC_KEY/.test(e.name)) expect({ object: o.metadata.name, variable: e.name, literal: 'value' in e }).toEqual({ object: o.metadata.name, variable: e.name, literal: false });
    }
  }
});
