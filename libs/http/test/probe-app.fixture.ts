// A small service built like a real one (createHttpApp, PersistenceModule, optionally
// MessagingModule and the HealthController) for the HTTP layer's failure tests.
import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, Get, Inject, Module, Param, Post, Query, Req, type DynamicModule, type LoggerService, type Provider } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { BusNamespace } from '@jingwang/contracts';
import { MessagingModule } from '@jingwang/messaging';
import { MESSAGING_MIGRATIONS, migrateService, PersistenceModule, serviceDatabaseUrl, type DatabaseTimeouts } from '@jingwang/persistence';
import { createHttpApp, HealthController, type HttpAppOptions } from '../src/index.ts';

/** Every handler call, by route: a refused request must never show up here. */
export const handlerCalls: string[] = [];

class Caller {
  @IsString() @MaxLength(100) name!: string;
}

class CreateItem {
  @IsString() @MaxLength(4000) description!: string;
  @IsOptional() @ValidateNested() @Type(() => Caller) caller?: Caller;
  @IsOptional() @IsObject() attributes?: Record<string, unknown>;
}

class ListItems {
  @IsOptional() @IsIn(['open', 'closed']) status?: string;
  @IsOptional() @IsString() q?: string;
}

@Controller('v1')
class ProbeController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Post('items')
  async create(@Body() body: CreateItem) {
    handlerCalls.push('POST /v1/items');
    const [row] = await this.db.query(`INSERT INTO probe.items (description, attributes) VALUES ($1, $2) RETURNING id`, [body.description, JSON.stringify(body.attributes ?? {})]);
    return { id: row.id };
  }

  @Get('items')
  async list(@Query() query: ListItems) {
    handlerCalls.push('GET /v1/items');
    return this.db.query(`SELECT id, description FROM probe.items WHERE $1::text IS NULL OR description LIKE '%' || $1 || '%' ORDER BY id`, [query.q ?? null]);
  }

  @Get('items/:id')
  async one(@Param('id') id: string) {
    handlerCalls.push('GET /v1/items/:id');
    return this.db.query('SELECT id, description FROM probe.items WHERE description = $1', [id]);
  }

  /** A form body as Open311 posts it: flat keys, taken as they are. */
  @Post('forms')
  async form(@Body() body: Record<string, string | string[]>) {
    handlerCalls.push('POST /v1/forms');
    const description = String(body.description ?? '');
    await this.db.query(`INSERT INTO probe.items (description, attributes) VALUES ($1, '{}')`, [description]);
    return { fields: { ...body } };
  }

  /** Touches the database and nothing else. */
  @Get('db')
  async database() {
    handlerCalls.push('GET /v1/db');
    await this.db.query('SELECT 1');
    return { ok: true };
  }

  /** A gap in validation: any text is cast to uuid, so Postgres refuses it (22P02). */
  @Get('cast')
  async cast(@Query('value') value: string) {
    handlerCalls.push('GET /v1/cast');
    const [row] = await this.db.query('SELECT $1::uuid AS id', [value]);
    return row;
  }

  /** A statement that takes `s` seconds on the server: the statement timeout cuts it. */
  @Get('sql-sleep')
  async sqlSleep(@Query('s') s: string) {
    handlerCalls.push('GET /v1/sql-sleep');
    await this.db.query('SELECT pg_sleep($1)', [Number(s)]);
    return { slept: Number(s) };
  }

  /** Takes as long as asked, unless the request timeout aborts it. */
  @Get('slow')
  async slow(@Query('ms') ms: string, @Req() req: FastifyRequest) {
    handlerCalls.push('GET /v1/slow');
    await sleep(Number(ms), undefined, { signal: req.signal }).catch(() => undefined);
    return { slept: Number(ms) };
  }
}

class ProbeItems1764400000000 implements MigrationInterface {
  name = 'ProbeItems1764400000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE probe.items (id serial PRIMARY KEY, description text NOT NULL, attributes jsonb NOT NULL)`);
  }
  async down(): Promise<void> {}
}

/** The probe's schema and role on the database at `adminUrl`. */
export async function migrateProbe(adminUrl: string): Promise<void> {
  await migrateService({ service: 'probe', url: adminUrl, migrations: [...MESSAGING_MIGRATIONS, ProbeItems1764400000000] });
}

export interface ProbeAppOptions {
  adminUrl: string;
  timeouts?: Partial<DatabaseTimeouts>;
  /** With NATS: MessagingModule (relay off) and the health controller's NATS check. */
  nats?: { url: string; ns: BusNamespace };
  providers?: Provider[];
  http?: Partial<HttpAppOptions>;
  logger?: LoggerService;
}

export async function startProbeApp(o: ProbeAppOptions): Promise<{ app: NestFastifyApplication; url: string }> {
  const imports: DynamicModule[] = [PersistenceModule.forService({ service: 'probe', url: serviceDatabaseUrl('probe', { DATABASE_URL: o.adminUrl }), poolSize: 4, timeouts: o.timeouts })];
  if (o.nats) imports.push(MessagingModule.forService({ service: 'probe', natsUrl: o.nats.url, ns: o.nats.ns, relay: { enabled: false } }));

  @Module({ imports, controllers: [ProbeController, HealthController], providers: o.providers ?? [] })
  class ProbeModule {}

  const app = await createHttpApp(ProbeModule, { service: 'probe', title: 'probe', description: 'HTTP failure probe', logger: o.logger ?? ['error'], ...o.http });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/** Collects what the app logs, by level, for tests that count log lines. */
export class CapturingLogger implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];
  log = (message: unknown) => this.push('log', message);
  warn = (message: unknown) => this.push('warn', message);
  error = (message: unknown) => this.push('error', message);
  debug = () => undefined;
  verbose = () => undefined;
  fatal = (message: unknown) => this.push('fatal', message);

  /** Messages at `level` matching `pattern`, from line `from` on (a test's own: `const from = logger.lines.length`). */
  matching(level: string, pattern: RegExp, from = 0): string[] {
    return this.lines.slice(from).filter((l) => l.level === level && pattern.test(l.message)).map((l) => l.message);
  }

  private push(level: string, message: unknown): void {
    this.lines.push({ level, message: String(message) });
  }
}
