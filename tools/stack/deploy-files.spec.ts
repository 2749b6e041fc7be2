// The deployment files (deploy/, docker-compose.yml) checked offline against the code, for every
// service `discoverServices()` finds: what they run exists, the variables they set are ones the
// code reads, each service has its compose entry and its Kubernetes folder, the manifests render.
// No Docker engine here, so the image itself is not built; its COPY sources and commands are checked.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { SERVICE_PORTS } from '@jingwang/contracts';
import { discoverServices, ROOT } from './workspace.ts';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const dockerfile = read('deploy/Dockerfile');
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = discoverServices().map((s) => ({ name: s.name, NAME: s.name.toUpperCase(), port: SERVICE_PORTS[s.name], main: relative(ROOT, s.main) }));
/** Replicas the overlays patch; every other workload runs one. */
const REPLICAS: Record<string, Record<string, number>> = { district: {}, city: { intake: 3 } };

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
}

interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec: Record<string, unknown> & {
    replicas?: number;
    selector?: Record<string, string> & { matchLabels?: Record<string, string> };
    ports?: { port: number; targetPort: string }[];
    template?: { metadata?: { labels: Record<string, string> }; spec: { containers: K8sContainer[] } };
  };
}

interface K8sContainer {
  image: string;
  args: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet: { path: string } };
}

/** The code the image runs (.dockerignore leaves specs, test/ and bench/ out), to find the environment variables it reads. */
function shippedSources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return ['node_modules', 'test', 'bench'].includes(d.name) ? [] : shippedSources(path);
    return d.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(d.name) ? [read(path)] : [];
  });
}
const sources = ['libs', 'services', 'tools'].flatMap(shippedSources).join('\n');
/** Read by name in the code, or a per-service variable it builds as env[`${service.toUpperCase()}<suffix>`]. */
const codeReads = (name: string) =>
  sources.includes(`env.${name}`) ||
  ['_DB_PASSWORD', '_DATABASE_URL', '_PORT'].some(
    (suffix) => name.endsWith(suffix) && services.some((s) => s.NAME === name.slice(0, -suffix.length)) && sources.includes(`env[\`\${service.toUpperCase()}${suffix}\`]`),
  );

function render(overlay: string): K8sObject[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', join(ROOT, 'deploy/k8s/overlays', overlay)], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`kubectl kustomize deploy/k8s/overlays/${overlay} failed (is kubectl installed?): ${(err as Error).message}`);
  }
  return parseAllDocuments(out).map((d) => d.toJS() as K8sObject);
}

it('finds the services', () => {
  expect(services.map((s) => s.name)).toContain('intake');
  for (const s of services) expect([s.name, s.port]).toEqual([s.name, expect.any(Number)]); // a port in SERVICE_PORTS
});

describe('deploy/Dockerfile', () => {
  it('copies sources that exist, runs on Node 24 as package.json asks, and starts intake by default', () => {
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(' '));
    expect(copies.length).toBeGreaterThan(0);
    for (const path of copies) expect([path, existsSync(join(ROOT, path))]).toEqual([path, true]);
    expect([...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1])).toEqual(['24', '24']);
    expect(JSON.parse(read('package.json')).engines.node).toMatch(/^>=24\./);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "--import", "./tools/runtime/register.mjs"]');
    expect(dockerfile).toContain('CMD ["services/intake/src/main.ts"]');
    // What the services need at run time is a dependency, not a devDependency that `npm ci --omit=dev` leaves out.
    expect(JSON.parse(read('package.json')).dependencies['@swc/core']).toBeDefined();
    // Every service's sources are in the image.
    for (const s of services) expect([s.main, s.main.startsWith('services/') && copies.includes('services')]).toEqual([s.main, true]);
  });
});

describe('docker-compose.yml', () => {
  const apps = Object.entries(compose.services).filter(([, s]) => s.image === 'jingwang:local');

  it('runs Postgres, NATS, the migrate and provision jobs and every service, each service only after both jobs', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['migrate', 'nats', 'postgres', 'provision', ...services.map((s) => s.name)].sort());
    expect(apps.map(([name]) => name).sort()).toEqual(['migrate', 'provision', ...services.map((s) => s.name)].sort());
    for (const s of services) {
      const entry = compose.services[s.name];
      expect([s.name, entry.command]).toEqual([s.name, [s.main]]);
      expect([s.name, entry.depends_on]).toEqual([s.name, { migrate: { condition: 'service_completed_successfully' }, provision: { condition: 'service_completed_successfully' } }]);
      expect([s.name, entry.ports]).toEqual([s.name, [`${s.port}:${s.port}`]]);
      expect([s.name, entry.healthcheck?.test.join(' ')]).toEqual([s.name, expect.stringContaining(`http://127.0.0.1:${s.port}/health/ready`)]);
    }
  });

  it("connects each service as its own role, with the password the migrate job gives that role", () => {
    for (const s of services) {
      expect([s.name, compose.services[s.name].environment?.[`${s.NAME}_DATABASE_URL`]]).toEqual([s.name, expect.stringMatching(new RegExp(`^postgres://${s.name}:\\$\\{${s.NAME}_DB_PASSWORD[:}]`))]);
      expect([s.name, compose.services.migrate.environment?.[`${s.NAME}_DB_PASSWORD`]]).toEqual([s.name, expect.stringContaining(`\${${s.NAME}_DB_PASSWORD`)]);
    }
  });

  it('gives each job and service a command that exists and only variables the code reads', () => {
    for (const [name, s] of apps) {
      expect([name, existsSync(join(ROOT, s.command![0]))]).toEqual([name, true]);
      for (const variable of Object.keys(s.environment ?? {})) expect([name, variable, codeReads(variable)]).toEqual([name, variable, true]);
    }
    const natsConf = compose.services.nats.volumes!.find((v) => v.endsWith(':/etc/nats/nats.conf:ro'))!.split(':')[0];
    expect(read(natsConf)).toMatch(/^http_port: 8222/m); // the health check's port
  });
});

describe('deploy/k8s', () => {
  it('has a folder per service, deploy/k8s/services/<name>, which the base includes', () => {
    const base = parse(read('deploy/k8s/base/kustomization.yaml')) as { resources: string[] };
    for (const s of services) {
      expect([s.name, existsSync(join(ROOT, 'deploy/k8s/services', s.name, 'kustomization.yaml'))]).toEqual([s.name, true]);
      expect(base.resources).toContain(`../services/${s.name}`);
    }
  });

  it.each(Object.keys(REPLICAS))('overlay %s renders; the jobs and every service run commands that exist, from one image, with the config they name', (overlay) => {
    const objects = render(overlay);
    const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`).sort()).toEqual(
      ['ConfigMap/jingwang-config', 'Job/migrate', 'Job/provision', ...services.flatMap((s) => [`Deployment/${s.name}`, `Service/${s.name}`])].sort(),
    );
    const configMap = byKind('ConfigMap')[0].metadata.name;
    const containers = [...byKind('Job'), ...byKind('Deployment')].flatMap((o) => o.spec.template!.spec.containers);
    expect(new Set(containers.map((c) => c.image)).size).toBe(1);
    for (const c of containers) {
      expect([c.args[0], existsSync(join(ROOT, c.args[0]))]).toEqual([c.args[0], true]);
      for (const ref of c.envFrom ?? []) expect(ref.configMapRef?.name).toBe(configMap);
      for (const e of c.env ?? []) expect([e.name, codeReads(e.name)]).toEqual([e.name, true]);
    }
    const migrate = objects.find((o) => o.kind === 'Job' && o.metadata.name === 'migrate')!.spec.template!.spec.containers[0];
    for (const s of services) {
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === s.name)!;
      const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === s.name)!;
      const [container] = deployment.spec.template!.spec.containers;
      expect([s.name, container.args, container.ports]).toEqual([s.name, [s.main], [{ name: 'http', containerPort: s.port }]]);
      expect([s.name, container.readinessProbe?.httpGet.path]).toEqual([s.name, '/health/ready']);
      expect([s.name, container.env?.find((e) => e.name === `${s.NAME}_DATABASE_URL`)?.valueFrom?.secretKeyRef?.key]).toEqual([s.name, `${s.NAME}_DATABASE_URL`]);
      expect([s.name, migrate.env?.some((e) => e.name === `${s.NAME}_DB_PASSWORD`)]).toEqual([s.name, true]);
      expect([s.name, service.spec.ports]).toEqual([s.name, [expect.objectContaining({ port: s.port, targetPort: 'http' })]]);
      expect(deployment.spec.template!.metadata!.labels).toMatchObject(service.spec.selector!);
      expect([s.name, deployment.spec.replicas]).toEqual([s.name, REPLICAS[overlay][s.name] ?? 1]);
    }
  });
});
