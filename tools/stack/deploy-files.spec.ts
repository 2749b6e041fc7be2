// The deployment files (deploy/, docker-compose.yml) checked offline against the code: what they
// run exists, the variables they set are ones the code reads, the manifests render. No Docker
// engine here, so the image itself is not built; its COPY sources and commands are checked.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { SERVICE_PORTS } from '@jingwang/contracts';
import { discoverServices, ROOT } from './workspace.ts';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const dockerfile = read('deploy/Dockerfile');
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
}

interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: Record<string, unknown> & { replicas?: number; template?: { spec: { containers: K8sContainer[] } } };
}

interface K8sContainer {
  image: string;
  args: string[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet: { path: string } };
}

/** Every source file, to find the environment variables the code reads. */
const sources = execFileSync('git', ['ls-files', 'libs', 'services', 'tools'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
  .map((f) => read(f))
  .join('\n');
const serviceNames = discoverServices().map((s) => s.name.toUpperCase());
/** Read by name in the code, or a per-service variable it builds as env[`${service.toUpperCase()}<suffix>`]. */
const codeReads = (name: string) =>
  sources.includes(`env.${name}`) ||
  ['_DB_PASSWORD', '_DATABASE_URL', '_PORT'].some(
    (suffix) => name.endsWith(suffix) && serviceNames.includes(name.slice(0, -suffix.length)) && sources.includes(`env[\`\${service.toUpperCase()}${suffix}\`]`),
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
  });
});

describe('docker-compose.yml', () => {
  const apps = Object.entries(compose.services).filter(([, s]) => s.image === 'jingwang:local');

  it('runs Postgres, NATS, the migrate and provision jobs and intake, intake only after both jobs', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['intake', 'migrate', 'nats', 'postgres', 'provision']);
    expect(apps.map(([name]) => name).sort()).toEqual(['intake', 'migrate', 'provision']);
    expect(compose.services.intake.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' }, provision: { condition: 'service_completed_successfully' } });
    expect(compose.services.intake.ports).toEqual([`${SERVICE_PORTS.intake}:${SERVICE_PORTS.intake}`]);
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
  it.each(['district', 'city'])('overlay %s renders; the jobs and intake run commands that exist, from one image, with the config they name', (overlay) => {
    const objects = render(overlay);
    const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`).sort()).toEqual([
      'ConfigMap/jingwang-config',
      'Deployment/intake',
      'Job/migrate',
      'Job/provision',
      'Service/intake',
    ]);
    const configMap = byKind('ConfigMap')[0].metadata.name;
    const containers = [...byKind('Job'), ...byKind('Deployment')].flatMap((o) => o.spec.template!.spec.containers);
    expect(new Set(containers.map((c) => c.image)).size).toBe(1);
    for (const c of containers) {
      expect([c.args[0], existsSync(join(ROOT, c.args[0]))]).toEqual([c.args[0], true]);
      for (const ref of c.envFrom ?? []) expect(ref.configMapRef?.name).toBe(configMap);
      for (const e of c.env ?? []) expect([e.name, codeReads(e.name)]).toEqual([e.name, true]);
    }
    const intake = byKind('Deployment')[0];
    expect(intake.spec.template!.spec.containers[0].readinessProbe?.httpGet.path).toBe('/health/ready');
    expect(intake.spec.replicas).toBe(overlay === 'city' ? 3 : 1);
  });
});
