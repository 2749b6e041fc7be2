// The generator on an in-memory copy of the workspace's own files (nothing is written to disk):
// what it makes and edits, and what it refuses. service.generator.int-spec.ts runs it as a user
// would and runs the new service's tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import ts from 'typescript';
import { parse } from 'yaml';
import { ROOT } from '../../stack/workspace.ts';
import serviceGenerator, { PATHS } from './service.generator.ts';

/** A tree holding what the generator reads: every project.json, the contracts it edits, compose, kustomize, README. */
function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  const copy = (path: string) => tree.write(path, readFileSync(join(ROOT, path), 'utf8'));
  for (const dir of ['libs', 'services']) {
    for (const d of readdirSync(join(ROOT, dir), { withFileTypes: true })) if (d.isDirectory()) copy(`${dir}/${d.name}/project.json`);
  }
  copy('tools/project.json');
  for (const f of readdirSync(join(ROOT, 'libs/contracts/src/events'))) copy(`libs/contracts/src/events/${f}`);
  for (const path of [PATHS.topology, PATHS.ports, PATHS.contractsIndex, PATHS.compose, PATHS.kustomization, PATHS.migrateJob, PATHS.readme]) copy(path);
  return tree;
}

/** A planned service's events file as a service might have written it before its project existed. */
const MEDIATION_EVENTS = `import { IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { defineContract } from '../registry.ts';

/** A dispute is cleared: nothing outstanding. */
export class DisputeClearedV1 {
  @IsUUID() disputeId!: string;
  @IsISO8601() clearedAt!: string;
  @IsOptional() @IsString() @Length(1, 64) outcome?: string;
}

export const DisputeCleared = defineContract('mediation.dispute.cleared.v1', DisputeClearedV1, 'A dispute was cleared');
`;

const changedFiles = (tree: Tree) => tree.listChanges().map((c) => `${c.type} ${c.path}`);
const text = (tree: Tree, path: string) => tree.read(path, 'utf-8')!;
const syntaxErrors = (path: string, source: string) =>
  (ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true) as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

describe('nx g @jingwang/tools:service', () => {
  // What it prints for the user (next steps) is not this spec's business.
  const info = logger.info;
  beforeAll(() => (logger.info = () => undefined));
  afterAll(() => (logger.info = info));

  it('makes a new service, with a stream and the next free port, and lists it everywhere it must be', async () => {
    const tree = workspaceTree();
    const before = Object.fromEntries(tree.listChanges().map((c) => [c.path, c.content?.toString()]));
    await serviceGenerator(tree, { name: 'zeta', description: 'keeps notes' });
    const made = tree.listChanges().filter((c) => before[c.path] === undefined).map((c) => c.path).sort();
    expect(made).toEqual([
      'deploy/k8s/services/zeta/kustomization.yaml',
      'deploy/k8s/services/zeta/zeta.deployment.yaml',
      'deploy/k8s/services/zeta/zeta.service.yaml',
      'libs/contracts/src/events/zeta.events.ts',
      'services/zeta/project.json',
      'services/zeta/src/main.ts',
      'services/zeta/src/migrations/index.ts',
      'services/zeta/src/migrations/zeta-tables.migration.ts',
      'services/zeta/src/notes/note-recorded.handler.ts',
      'services/zeta/src/notes/notes.controller.ts',
      'services/zeta/src/notes/notes.service.spec.ts',
      'services/zeta/src/notes/notes.service.ts',
      'services/zeta/src/notes/record-note.dto.ts',
      'services/zeta/src/zeta.app.ts',
      'services/zeta/src/zeta.config.spec.ts',
      'services/zeta/src/zeta.config.ts',
      'services/zeta/src/zeta.errors.ts',
      'services/zeta/src/zeta.module.ts',
      'services/zeta/test/zeta.int-spec.ts',
    ]);
    const edited = tree.listChanges().filter((c) => before[c.path] !== undefined && before[c.path] !== c.content?.toString()).map((c) => c.path).sort();
    expect(edited).toEqual([PATHS.readme, PATHS.kustomization, PATHS.migrateJob, PATHS.compose, PATHS.contractsIndex, PATHS.ports, PATHS.topology].sort());

    for (const path of made) {
      expect([path, text(tree, path)]).not.toEqual([path, expect.stringMatching(/<%|%>|__name__/)]);
      if (path.endsWith('.ts')) expect([path, syntaxErrors(path, text(tree, path))]).toEqual([path, []]);
    }
    expect(JSON.parse(text(tree, 'services/zeta/project.json'))).toMatchObject({ name: 'zeta', tags: ['scope:zeta', 'type:service'], targets: { serve: {}, migrate: {} } });
    expect(text(tree, 'services/zeta/src/migrations/index.ts')).toMatch(/export const migrations = \[\.\.\.MESSAGING_MIGRATIONS, ZetaTables\d{13}\];/);
    expect(text(tree, 'services/zeta/src/zeta.errors.ts')).toContain("new DomainError('ZETA.NOTE_NOT_FOUND', `no note ${id}`, 404)");
    expect(text(tree, 'services/zeta/src/zeta.app.ts')).toContain('description: "keeps notes"');

    const topology = text(tree, PATHS.topology);
    expect(topology).toContain("  serviceStream('gateway', 'Logins and console actions'),\n  serviceStream('zeta', 'keeps notes'),\n  { ...serviceStream('channel'");
    expect(topology).toContain("  { ...defaults, service: 'zeta', subject: 'zeta.note.recorded.v1' },\n];");
    expect(text(tree, PATHS.ports)).toContain('  insights: 3005,\n  zeta: 3006,\n};');
    expect(text(tree, PATHS.contractsIndex)).toContain("export * from './events/dispatch.events.ts';\nexport * from './events/zeta.events.ts';\n");
    expect(text(tree, PATHS.readme)).toContain('| insights | 3005 | KPI read models | planned |\n| zeta | 3006 | keeps notes | running |\n');

    const compose = parse(text(tree, PATHS.compose), { merge: true });
    expect(compose.services.zeta).toMatchObject({
      image: 'jingwang:local',
      command: ['services/zeta/src/main.ts'],
      environment: { NATS_URL: 'nats://nats:4222', ZETA_DATABASE_URL: 'postgres://zeta:${ZETA_DB_PASSWORD:?set ZETA_DB_PASSWORD}@postgres:5432/jingwang' },
      ports: ['3006:3006'],
    });
    expect(compose.services.migrate.environment.ZETA_DB_PASSWORD).toBe('${ZETA_DB_PASSWORD:?set ZETA_DB_PASSWORD}');
    expect(parse(text(tree, PATHS.kustomization)).resources).toEqual(['migrate.job.yaml', 'provision.job.yaml', '../services/intake', '../services/dispatch', '../services/zeta']);
    expect(parse(text(tree, PATHS.migrateJob)).spec.template.spec.containers[0].env.at(-1)).toEqual({
      name: 'ZETA_DB_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'jingwang-secrets', key: 'ZETA_DB_PASSWORD' } },
    });
    expect(text(tree, 'deploy/k8s/services/zeta/zeta.service.yaml')).toContain('port: 3006');
  });

  it('makes a planned service with the stream, port and README row it has, adding its contract beside those it has', async () => {
    const tree = workspaceTree();
    // mediation is planned (its README row, port and stream exist); here it has a contract of its own already.
    tree.write(PATHS.events('mediation'), MEDIATION_EVENTS);
    tree.write(PATHS.contractsIndex, `${text(tree, PATHS.contractsIndex)}export * from './events/mediation.events.ts';\n`);
    const topology = text(tree, PATHS.topology);
    const ports = text(tree, PATHS.ports);
    await serviceGenerator(tree, { name: 'mediation' });
    expect(text(tree, PATHS.topology)).toBe(topology.replace(/\n\];\n\n\/\*\* Test runs/, "\n  { ...defaults, service: 'mediation', subject: 'mediation.note.recorded.v1' },\n];\n\n/** Test runs"));
    expect(text(tree, PATHS.ports)).toBe(ports);
    expect(text(tree, 'deploy/k8s/services/mediation/mediation.deployment.yaml')).toContain('containerPort: 3003');
    expect(text(tree, PATHS.readme)).toContain('| mediation | 3003 | blue/yellow/red disputes, escalation, agreements | running |');
    const events = text(tree, PATHS.events('mediation'));
    expect(events).toContain(MEDIATION_EVENTS.slice(MEDIATION_EVENTS.indexOf('/**'))); // what was there stays
    expect(events).toContain("export const MediationNoteRecorded = defineContract('mediation.note.recorded.v1', MediationNoteRecordedV1,");
    expect(events.split('\n').filter((l) => l.startsWith('import ')).sort()).toEqual([
      "import { IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';",
      "import { defineContract } from '../registry.ts';",
    ]);
    expect(syntaxErrors('mediation.events.ts', events)).toEqual([]);
    expect(text(tree, PATHS.contractsIndex).match(/mediation\.events/g)).toHaveLength(1);
  });

  it.each([
    ['', /name "" cannot be a service name: use lower-case letters and digits, starting with a letter/],
    ['Dispatch', /name "Dispatch" cannot be a service name/],
    ['1abc', /name "1abc" cannot be a service name/],
    ['road-works', /name "road-works" cannot be a service name/],
    ['road_works', /name "road_works" cannot be a service name/],
    ['a'.repeat(31), /cannot be a service name: .* at most 30/],
    ['dlq', /name "dlq" is reserved: the dead-letter stream/],
    ['channel', /name "channel" is reserved/],
    ['intake', /name "intake" is taken: the project intake exists \(services\/intake\)/],
    ['contracts', /name "contracts" is taken: the project contracts exists \(libs\/contracts\)/],
  ])('refuses the name %j, saying why, and writes nothing', async (name, message) => {
    const tree = workspaceTree();
    const before = changedFiles(tree);
    await expect(serviceGenerator(tree, { name })).rejects.toThrow(message);
    expect(changedFiles(tree)).toEqual(before);
  });

  it('refuses to run twice for one name', async () => {
    const tree = workspaceTree();
    await serviceGenerator(tree, { name: 'zeta' });
    const after = tree.listChanges().map((c) => c.content?.toString());
    await expect(serviceGenerator(tree, { name: 'zeta' })).rejects.toThrow('name "zeta" is taken: the project zeta exists (services/zeta)');
    expect(tree.listChanges().map((c) => c.content?.toString())).toEqual(after);
  });

  it.each([
    [PATHS.topology, (t: string) => t.replace('];\n\n/** Test runs', "  { ...defaults, service: 'zeta', subject: 'zeta.note.recorded.v1' },\n];\n\n/** Test runs"), /CONSUMERS has zeta consuming zeta.note.recorded.v1 already/],
    [PATHS.compose, (t: string) => t.replace('\nvolumes:', '\n  zeta:\n    image: x\n\nvolumes:'), /docker-compose.yml has a service "zeta" already/],
    [PATHS.kustomization, (t: string) => t.replace('  - ../services/intake\n', '  - ../services/intake\n  - ../services/zeta\n'), /includes \.\.\/services\/zeta already/],
    [PATHS.readme, (t: string) => t.replace('| service | port |', '| svc | port |'), /README.md: no table with the header "\| service \| port \| what it does \| status \|"/],
  ])('refuses when %s is not as it expects, naming it', async (path, change, message) => {
    const tree = workspaceTree();
    tree.write(path, change(text(tree, path)));
    await expect(serviceGenerator(tree, { name: 'zeta' })).rejects.toThrow(message);
  });
});
