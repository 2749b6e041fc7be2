// A producer ("probe") and a consumer ("sink") built from the real messaging parts, for the
// delivery tests, the child processes they kill, and the messaging benchmark.
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload, type MicroserviceOptions } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { IsInt, IsString } from 'class-validator';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createEvent, defineContract, type BusNamespace, type EventEnvelope } from '@jingwang/contracts';
import { createServiceDataSource, MESSAGING_MIGRATIONS, migrateService, serviceDatabaseUrl } from '@jingwang/persistence';
import { JetStreamBatchContext, JetStreamContext, JetStreamServer, OnEvent, OnEventBatch, OutboxPublisher, PermanentError, RethrowRpcErrorsFilter, sleep, type JetStreamServerOptions, type Topology } from '../src/index.ts';

export class ProbeItemV1 {
  @IsInt() n!: number;
  @IsString() label!: 'ok' | 'fail-always' | 'permanent' | 'slow' | 'flaky-db';
}
export const PROBE_SUBJECT = 'probe.item.recorded.v1';
defineContract(PROBE_SUBJECT, ProbeItemV1, 'Test-only: a numbered item');

export const probeTopology = (ns: BusNamespace, overrides: Partial<Topology['consumers'][number]> = {}): Topology => ({
  ns,
  streams: [
    { name: 'PROBE', subjects: ['probe.>'], description: 'test', maxAgeSeconds: 3600, maxBytes: 64 * 1024 ** 2, duplicateWindowSeconds: 120 },
    { name: 'DLQ', subjects: ['dlq.>'], description: 'test', maxAgeSeconds: 3600, maxBytes: 64 * 1024 ** 2, duplicateWindowSeconds: 120 },
  ],
  consumers: [
    { service: 'sink', subject: PROBE_SUBJECT, kind: 'event', maxDeliver: 3, ackWaitSeconds: 2, backoffSeconds: [0.2, 0.4], concurrency: 4, batchSize: 16, ...overrides },
  ],
});

class SinkTables1764300000001 implements MigrationInterface {
  name = 'SinkTables1764300000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sink.items (event_id uuid PRIMARY KEY, n integer NOT NULL, label text NOT NULL, deliveries integer NOT NULL)`);
    // nextval is not rolled back, so this fails the first two transactions that write a flaky-db item, for real.
    await q.query(`CREATE SEQUENCE sink.flaky_attempts`);
    await q.query(`CREATE FUNCTION sink.flaky() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.label = 'flaky-db' AND nextval('sink.flaky_attempts') <= 2 THEN
          RAISE EXCEPTION 'could not serialize access (simulated)' USING ERRCODE = '40001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER flaky BEFORE INSERT ON sink.items FOR EACH ROW EXECUTE FUNCTION sink.flaky()`);
  }
  async down(): Promise<void> {}
}

export async function migrateProbeSchemas(adminUrl: string): Promise<void> {
  await migrateService({ service: 'probe', url: adminUrl, migrations: MESSAGING_MIGRATIONS });
  await migrateService({ service: 'sink', url: adminUrl, migrations: [...MESSAGING_MIGRATIONS, SinkTables1764300000001] });
}

export const serviceUrl = (service: string, adminUrl: string) => serviceDatabaseUrl(service, { DATABASE_URL: adminUrl });

export async function openDataSource(service: 'probe' | 'sink', adminUrl: string, poolSize = 10): Promise<DataSource> {
  return createServiceDataSource({ service, url: serviceUrl(service, adminUrl), poolSize }).initialize();
}

export const probeEvent = (n: number, label: ProbeItemV1['label'] = 'ok'): EventEnvelope<ProbeItemV1> => createEvent(PROBE_SUBJECT, { n, label });

/** Writes events through the probe's outbox, one transaction per call. */
export async function writeProbeEvents(ds: DataSource, events: EventEnvelope[]): Promise<void> {
  const outbox = new OutboxPublisher('probe');
  await ds.transaction((m) => outbox.publish(m, events));
}

/** The item numbers of each handler call, in order, for tests that check what a handler was given. */
export const sinkHandlerCalls: number[][] = [];

/** What the sink does with an item before writing it; fails the way its label says. */
async function checkItem({ n, label }: ProbeItemV1): Promise<void> {
  if (label === 'fail-always') throw new Error(`item ${n}: handler always fails`);
  if (label === 'permanent') throw new PermanentError('PROBE.REJECTED', `item ${n} can never be handled`);
  if (label === 'slow') await sleep(150);
}

@Controller()
class SinkController {
  @OnEvent(PROBE_SUBJECT)
  async onRecorded(@Payload() event: EventEnvelope<ProbeItemV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    sinkHandlerCalls.push([event.data.n]);
    await checkItem(event.data);
    const { n, label } = event.data;
    await ctx.manager.query('INSERT INTO sink.items (event_id, n, label, deliveries) VALUES ($1, $2, $3, $4)', [event.id, n, label, ctx.deliveryCount]);
  }
}

/** The same sink written the way a busy consumer should be: one INSERT for a whole batch. */
@Controller()
class SinkBatchController {
  @OnEventBatch(PROBE_SUBJECT)
  async onRecorded(@Payload() events: EventEnvelope<ProbeItemV1>[], @Ctx() ctx: JetStreamBatchContext): Promise<void> {
    sinkHandlerCalls.push(events.map((e) => e.data.n));
    for (const e of events) await checkItem(e.data);
    await ctx.manager.query(
      `INSERT INTO sink.items (event_id, n, label, deliveries)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::int[])`,
      [events.map((e) => e.id), events.map((e) => e.data.n), events.map((e) => e.data.label), ctx.messages.map((m) => m.info.deliveryCount)],
    );
  }
}

@Module({ controllers: [SinkController] })
class SinkModule {}

@Module({ controllers: [SinkBatchController] })
class SinkBatchModule {}

export interface Sink {
  server: JetStreamServer;
  close(): Promise<void>;
}

export type SinkOptions = { nc: NatsConnection; dataSource: DataSource; ns: BusNamespace; topology: Topology; batchHandler?: boolean } & Partial<JetStreamServerOptions>;

/** The sink as a Nest microservice on the real transport, with a per-message or a batch handler. */
export async function startSink({ batchHandler = false, ...options }: SinkOptions): Promise<Sink> {
  const server = new JetStreamServer({ service: 'sink', ...options });
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(batchHandler ? SinkBatchModule : SinkModule, { strategy: server, logger: ['error'] });
  app.useGlobalFilters(new RethrowRpcErrorsFilter());
  await app.listen();
  return { server, close: () => app.close() };
}
