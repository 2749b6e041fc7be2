// `npx nx g @jingwang/tools:service <name>`: a new service that builds, starts with `npm start`,
// passes its own tests and deploys. The files it makes are the templates in ./files; the shared
// files it edits (contracts, compose, kustomize, README) are edited in place through their parsers.
//
// Nx loads this file with Node's own type stripping and `require()` of an ES module (the workspace
// is "type": "module"), not through tools/runtime/register.mjs: so only erasable TypeScript here
// (no enums, no parameter properties, `import type` for types), relative imports with `.ts`, no
// top-level await, and no `@jingwang/*` imports (those need swc's decorator support).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateFiles, getProjects, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import ts from 'typescript';
import {
  addExportStar,
  appendYamlItem,
  arrayLiteral,
  ensureNamedImports,
  firstArgumentsOf,
  insertElement,
  objectLiteral,
  parseTs,
  propertyName,
  setServiceRow,
  stringProperty,
  yamlCollection,
  yamlKeys,
} from './source-edits.ts';

export interface ServiceGeneratorOptions {
  name: string;
  /** One line for the README's service table and the OpenAPI document. */
  description?: string;
}

/** Everything the templates and edits need, worked out and checked before anything is written. */
export interface ServicePlan {
  name: string;
  /** `Dispatch`: classes and functions (`createDispatchApp`, `DispatchErrors`). */
  Name: string;
  /** `DISPATCH`: error codes, environment variables, the stream. */
  NAME: string;
  port: number;
  /** The port was not in SERVICE_PORTS yet. */
  newPort: boolean;
  /** STREAMS had no stream for the service yet. */
  newStream: boolean;
  description: string;
  /** The example's event. */
  subject: string;
  /** Of the first migration's class name (TypeORM orders migrations by it). */
  timestamp: number;
}

const FILES = fileURLToPath(new URL('./files', import.meta.url));
const NAME_RULE = /^[a-z][a-z0-9]*$/;
const MAX_NAME = 30;
/** First tokens of subjects the bus uses for itself (topology.ts). */
const RESERVED: Record<string, string> = {
  dlq: 'the dead-letter stream (DLQ) holds dlq.>',
  channel: 'external channels publish to channel.<channel>.alert (stream CHANNELS)',
  channels: 'it is the stream of the external channels',
};

export const PATHS = {
  topology: 'libs/contracts/src/topology.ts',
  ports: 'libs/contracts/src/services.ts',
  contractsIndex: 'libs/contracts/src/index.ts',
  events: (name: string) => `libs/contracts/src/events/${name}.events.ts`,
  compose: 'docker-compose.yml',
  kustomization: 'deploy/k8s/base/kustomization.yaml',
  migrateJob: 'deploy/k8s/base/migrate.job.yaml',
  readme: 'README.md',
};

export default async function serviceGenerator(tree: Tree, options: ServiceGeneratorOptions): Promise<GeneratorCallback> {
  const plan = planService(tree, options);
  const eventsBefore = read(tree, PATHS.events(plan.name), false);
  generateFiles(tree, FILES, '.', { ...plan, descriptionJs: JSON.stringify(plan.description), tmpl: '' });
  // The producer's file may hold contracts already (dispatch.events.ts has the one intake consumes): add to it.
  if (eventsBefore !== null) tree.write(PATHS.events(plan.name), mergeContracts(PATHS.events(plan.name), eventsBefore, read(tree, PATHS.events(plan.name))));
  editContracts(tree, plan);
  editCompose(tree, plan);
  editKubernetes(tree, plan);
  tree.write(PATHS.readme, setServiceRow(PATHS.readme, read(tree, PATHS.readme), plan));
  logger.info(
    `${plan.name}: port ${plan.port}${plan.newPort ? ' (new in SERVICE_PORTS)' : ''}, stream ${plan.NAME}${plan.newStream ? ' (new in STREAMS)' : ''}, ` +
      `the example's event ${plan.subject} and its consumer.`,
  );
  // After Nx has written the files (not on --dry-run): the schemas need them, the steps follow the list of files.
  return () => {
    regenerateSchemas(tree.root);
    logger.info(nextSteps(plan));
  };
}

/** Checks the name against the workspace and works out the names, the port and what exists already. */
export function planService(tree: Tree, options: ServiceGeneratorOptions): ServicePlan {
  const name = String(options.name ?? '');
  if (!NAME_RULE.test(name) || name.length > MAX_NAME) {
    throw new Error(
      `name "${name}" cannot be a service name: use lower-case letters and digits, starting with a letter, at most ${MAX_NAME} (e.g. dispatch). ` +
        'It becomes the project, the folder, the Postgres schema and role, the stream and the Kubernetes names.',
    );
  }
  if (RESERVED[name]) throw new Error(`name "${name}" is reserved: ${RESERVED[name]}. Choose another name.`);
  const project = getProjects(tree).get(name);
  if (project) throw new Error(`name "${name}" is taken: the project ${name} exists (${project.root}). Choose another name, or remove that project first.`);
  if (tree.exists(`services/${name}`)) throw new Error(`services/${name} exists already: remove it or choose another name.`);

  const NAME = name.toUpperCase();
  const subject = `${name}.note.recorded.v1`;
  const description = (options.description ?? '').trim() || existingDescription(tree, name) || `(say what ${name} does)`;
  if (/[|\r\n]/.test(description)) throw new Error(`description: one line without "|" (it goes into the README's service table), got ${JSON.stringify(description)}`);

  const topology = parseTs(PATHS.topology, read(tree, PATHS.topology));
  const holder = streamHolding(topology, name);
  if (holder && holder !== NAME) throw new Error(`name "${name}": the subjects ${name}.> belong to the stream ${holder} (${PATHS.topology}). Choose another name.`);
  for (const c of arrayLiteral(topology, 'CONSUMERS').elements) {
    if (ts.isObjectLiteralExpression(c) && stringProperty(c, 'service') === name && stringProperty(c, 'subject') === subject) {
      throw new Error(`${PATHS.topology}: CONSUMERS has ${name} consuming ${subject} already; remove that entry (left from an earlier ${name}?) and run the generator again.`);
    }
  }
  const ports = servicePorts(tree);
  const port = ports.get(name) ?? nextFreePort(ports);

  const events = read(tree, PATHS.events(name), false);
  if (events?.includes(`'${subject}'`)) throw new Error(`${PATHS.events(name)} defines ${subject} already; remove it and run the generator again.`);
  if (yamlKeys(PATHS.compose, read(tree, PATHS.compose), ['services']).includes(name)) {
    throw new Error(`${PATHS.compose} has a service "${name}" already; remove it and run the generator again.`);
  }
  const resources = (yamlCollection(PATHS.kustomization, read(tree, PATHS.kustomization), ['resources']).items as { value?: unknown }[]).map((r) => String(r.value));
  if (resources.includes(`../services/${name}`)) throw new Error(`${PATHS.kustomization} includes ../services/${name} already; remove that line and run the generator again.`);
  if (tree.exists(`deploy/k8s/services/${name}`)) throw new Error(`deploy/k8s/services/${name} exists already; remove it and run the generator again.`);

  setServiceRow(PATHS.readme, read(tree, PATHS.readme), { name, port, description }); // throws if the table is not there

  const Name = name[0].toUpperCase() + name.slice(1);
  return { name, Name, NAME, port, newPort: !ports.has(name), newStream: !holder, description, subject, timestamp: Date.now() };
}

function read(tree: Tree, path: string): string;
function read(tree: Tree, path: string, required: false): string | null;
function read(tree: Tree, path: string, required = true): string | null {
  const text = tree.read(path, 'utf-8');
  if (text === null && required) throw new Error(`${path} is missing; the service generator edits it`);
  return text;
}

/** The name of the stream in STREAMS that holds `<service>.>`, if any. */
function streamHolding(topology: ts.SourceFile, service: string): string | undefined {
  for (const element of arrayLiteral(topology, 'STREAMS').elements) {
    const services = firstArgumentsOf(element, 'serviceStream');
    if (!services.includes(service)) continue;
    const override = ts.isObjectLiteralExpression(element) ? stringProperty(element, 'name') : undefined;
    return override ?? service.toUpperCase();
  }
  return undefined;
}

function servicePorts(tree: Tree): Map<string, number> {
  const ports = new Map<string, number>();
  for (const p of objectLiteral(parseTs(PATHS.ports, read(tree, PATHS.ports)), 'SERVICE_PORTS').properties) {
    const key = propertyName(p);
    if (key && ts.isPropertyAssignment(p) && ts.isNumericLiteral(p.initializer)) ports.set(key, Number(p.initializer.text));
  }
  return ports;
}

/** The first port from 3001 up that no service has (gateway keeps 8080). */
function nextFreePort(ports: Map<string, number>): number {
  const taken = new Set(ports.values());
  let port = 3001;
  while (taken.has(port)) port++;
  return port;
}

function existingDescription(tree: Tree, name: string): string | undefined {
  const readme = tree.read(PATHS.readme, 'utf-8') ?? '';
  const row = readme.split('\n').find((l) => l.startsWith(`| ${name} |`));
  return row?.split('|')[3]?.trim();
}

/** Adds the rendered file's imports and declarations to the producer's existing contracts file. */
function mergeContracts(path: string, existing: string, rendered: string): string {
  const sf = parseTs(path, rendered);
  let text = existing;
  for (const i of sf.statements.filter(ts.isImportDeclaration)) {
    const bindings = i.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) text = ensureNamedImports(path, text, (i.moduleSpecifier as ts.StringLiteral).text, bindings.elements.map((e) => e.getText(sf)));
  }
  const body = sf.statements.filter((s) => !ts.isImportDeclaration(s));
  const declarations = rendered.slice(body[0].getFullStart()).replace(/^\n+/, '');
  return `${text.replace(/\n*$/, '\n')}\n${declarations}`;
}

function editContracts(tree: Tree, plan: ServicePlan): void {
  let topology = read(tree, PATHS.topology);
  if (plan.newStream) {
    const streams = arrayLiteral(parseTs(PATHS.topology, topology), 'STREAMS');
    // Beside the other services' streams, before CHANNELS and DLQ.
    const services = streams.elements.filter((e) => ts.isCallExpression(e) && firstArgumentsOf(e, 'serviceStream').length > 0);
    topology = insertElement(topology, streams, `serviceStream('${plan.name}', ${quote(plan.description)})`, services.at(-1));
  }
  const consumers = arrayLiteral(parseTs(PATHS.topology, topology), 'CONSUMERS');
  topology = insertElement(topology, consumers, `{ ...defaults, service: '${plan.name}', subject: '${plan.subject}' }`);
  tree.write(PATHS.topology, topology);

  if (plan.newPort) {
    const text = read(tree, PATHS.ports);
    tree.write(PATHS.ports, insertElement(text, objectLiteral(parseTs(PATHS.ports, text), 'SERVICE_PORTS'), `${plan.name}: ${plan.port}`));
  }
  tree.write(PATHS.contractsIndex, addExportStar(PATHS.contractsIndex, read(tree, PATHS.contractsIndex), `./events/${plan.name}.events.ts`));
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function editCompose(tree: Tree, { name, NAME, port }: ServicePlan): void {
  let compose = read(tree, PATHS.compose);
  const password = `${NAME}_DB_PASSWORD`;
  if (!yamlKeys(PATHS.compose, compose, ['services', 'migrate', 'environment']).includes(password)) {
    compose = appendYamlItem(PATHS.compose, compose, ['services', 'migrate', 'environment'], [`${password}: \${${password}:?set ${password}}`]);
  }
  compose = appendYamlItem(
    PATHS.compose,
    compose,
    ['services'],
    [
      `${name}:`,
      `  <<: *app`,
      `  command: [services/${name}/src/main.ts]`,
      `  environment:`,
      `    <<: *bus`,
      `    ${NAME}_DATABASE_URL: postgres://${name}:\${${password}:?set ${password}}@postgres:5432/jingwang`,
      `  ports: ['${port}:${port}']`,
      `  depends_on:`,
      `    migrate: { condition: service_completed_successfully }`,
      `    provision: { condition: service_completed_successfully }`,
      `  healthcheck:`,
      `    test: [CMD, node, -e, "fetch('http://127.0.0.1:${port}/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
      `    interval: 5s`,
      `    retries: 12`,
      `  restart: unless-stopped`,
    ],
    true,
  );
  tree.write(PATHS.compose, compose);
}

function editKubernetes(tree: Tree, { name, NAME }: ServicePlan): void {
  tree.write(PATHS.kustomization, appendYamlItem(PATHS.kustomization, read(tree, PATHS.kustomization), ['resources'], [`../services/${name}`]));
  const job = read(tree, PATHS.migrateJob);
  const env = ['spec', 'template', 'spec', 'containers', 0, 'env'];
  const names = (yamlCollection(PATHS.migrateJob, job, env).items as { get(key: string): unknown }[]).map((e) => e.get('name'));
  if (!names.includes(`${NAME}_DB_PASSWORD`)) {
    const entry = [`name: ${NAME}_DB_PASSWORD`, `valueFrom: { secretKeyRef: { name: jingwang-secrets, key: ${NAME}_DB_PASSWORD } }`];
    tree.write(PATHS.migrateJob, appendYamlItem(PATHS.migrateJob, job, env, entry));
  }
}

function nextSteps({ name, Name, NAME, port }: ServicePlan): string {
  const example = [
    [`services/${name}/src/notes/`, 'controller, rule (service), DTO, event handler, unit spec'],
    [`services/${name}/src/migrations/${name}-tables.migration.ts`, 'the notes table (no deployment ran it yet: edit it)'],
    [`services/${name}/test/${name}.int-spec.ts`, 'the notes tests'],
    [`libs/contracts/src/events/${name}.events.ts`, `${Name}NoteRecorded (${name}.note.recorded.v1)`],
    ['libs/contracts/src/topology.ts', 'its consumer in CONSUMERS'],
  ];
  const width = Math.max(...example.map(([path]) => path.length)) + 2;
  return [
    '',
    `${name} is made: services/${name}, port ${port}. \`npm start\` runs it with the others (its API at http://127.0.0.1:${port}/docs).`,
    '',
    'Next:',
    `  1. Run its tests: NODE_OPTIONS='--experimental-vm-modules --no-warnings' npx jest services/${name}`,
    `  2. Replace the example (notes) with ${name}'s first use case, then remove it:`,
    ...example.map(([path, what]) => `       ${path.padEnd(width)}${what}`),
    '     and run `npm run contracts:schemas` (docs/generated/contracts).',
    `  3. Say what ${name} does in README.md (the service table) and in src/${name}.app.ts.`,
    `  4. To deploy: compose takes ${NAME}_DB_PASSWORD from the environment or .env; on Kubernetes, add ${NAME}_DB_PASSWORD`,
    `     and ${NAME}_DATABASE_URL (postgres://${name}:<that password>@<host>/<db>) to the secret jingwang-secrets.`,
    '  5. `npm test` before you push.',
    '',
  ].join('\n');
}

/** docs/generated/contracts must list the new contract (libs/contracts' spec checks it). */
function regenerateSchemas(root: string): void {
  try {
    execFileSync(process.execPath, ['--import', './tools/runtime/register.mjs', 'tools/contracts/write-schemas.ts'], { cwd: root, stdio: 'inherit' });
  } catch {
    logger.warn('The event schemas could not be regenerated: run `npm run contracts:schemas` and see why.');
  }
}
