import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { lastValueFrom } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  consumerFor,
  durableName,
  ROOT_NAMESPACE,
  streamFor,
  streamName,
  unwireSubject,
  validateEvent,
  type BusNamespace,
  type ConsumerSpec,
  type EventEnvelope,
} from '@jingwang/contracts';
import { backoffDelay, sleep } from './backoff.ts';
import { copyToDeadLetters } from './dead-letter.ts';
import { describeError, isPermanent } from './errors.ts';
import { Inbox } from './inbox.ts';
import { JetStreamBatchContext, JetStreamContext } from './jetstream.context.ts';
import { messagingMetrics } from './messaging.metrics.ts';
import { OutboxPublisher } from './outbox.publisher.ts';
import { consumerConfig, defaultTopology, upsertConsumer, type Topology } from './provision.ts';
import { BatchQueue } from './batch-queue.ts';

/** What `@EventPattern(subject, extras)` may override of the topology entry, client-side only. */
export type HandlerExtras = Partial<Pick<ConsumerSpec, 'maxDeliver' | 'backoffSeconds' | 'concurrency' | 'batchSize'>> & {
  /** Set by `@OnEventBatch`: the handler takes every fresh message of a batch at once. */
  batch?: boolean;
};

export interface JetStreamServerOptions {
  service: string;
  nc: NatsConnection;
  dataSource: DataSource;
  ns?: BusNamespace;
  topology?: Topology;
  /** How long close() waits for handlers in flight. */
  shutdownTimeoutMs?: number;
  /** Test seam: runs after the handler's transaction committed and before the ack. */
  beforeAck?: (msg: JsMsg) => void | Promise<void>;
}

type Settlement = 'ack' | 'duplicate' | 'retry' | 'dead-letter';

/** One handler and the durable consumer that feeds it. */
interface Route {
  spec: ConsumerSpec;
  durable: string;
  handler: MessageHandler;
  batch: boolean;
}

interface Delivery {
  msg: JsMsg;
  /** The subject without the namespace prefix. */
  subject: string;
  payload: unknown;
  /** Inbox key: the event id, or the stream sequence for raw channel messages. */
  key: string;
}

/** Long enough that a message handed back while closing is not sent to this closing instance again. */
const HAND_BACK_DELAY_MS = 1_500;

/**
 * A Nest transport on JetStream pull consumers: one durable consumer per (service, subject),
 * explicit ack only after the handler's transaction (with its inbox row) committed.
 * Failures: contract violation or PermanentError -> DLQ then term; other errors -> nak with the
 * topology's backoff, and DLQ once max_deliver is reached. Nothing is acked that did not commit.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private readonly log: Logger;
  private readonly ns: BusNamespace;
  private readonly topology: Topology;
  private readonly js: JetStreamClient;
  private readonly inbox: Inbox;
  private readonly outbox: OutboxPublisher;
  private readonly iterators: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly queues: BatchQueue<JsMsg>[] = [];
  private readonly workers: Promise<void>[] = [];
  private closing = false;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.log = new Logger(`jetstream:${options.service}`);
    this.ns = options.ns ?? ROOT_NAMESPACE;
    this.topology = options.topology ?? defaultTopology(this.ns);
    this.js = jetstream(options.nc);
    this.inbox = new Inbox(options.dataSource, options.service);
    this.outbox = new OutboxPublisher(options.service);
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (err) => callback(err),
    );
  }

  on(): never {
    throw new Error('JetStreamServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.options.nc as T;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const timeout = new Promise((r) => setTimeout(r, this.options.shutdownTimeoutMs ?? 25_000).unref());
    // Workers finish the batch in hand; what waits in the queues goes back to the stream.
    for (const queue of this.queues) for (const m of queue.close()) settle(() => m.nak(HAND_BACK_DELAY_MS));
    await Promise.race([Promise.allSettled(this.workers), timeout]);
    // Messages still arriving from the last pull are handed back too before the pull stops;
    // one in transit at the very end comes back after ack_wait.
    const handBack = Date.now() + 1_000;
    while (this.iterators.some((it) => it.getPending() > 0) && Date.now() < handBack) await sleep(20);
    for (const it of this.iterators) it.stop();
    await Promise.race([Promise.allSettled(this.loops), timeout]);
    await this.options.nc.flush().catch(() => undefined); // acks leave before the connection is drained
  }

  private async start(): Promise<void> {
    const jsm = await jetstreamManager(this.options.nc);
    for (const [pattern, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) throw new Error(`${pattern}: use @EventPattern; request/reply is not carried on JetStream`);
      const base = consumerFor(this.options.service, pattern, this.topology.consumers);
      if (!base) {
        throw new Error(`${this.options.service} handles ${pattern} but the topology has no consumer for it: add it to CONSUMERS in libs/contracts/src/topology.ts`);
      }
      const { batch = false, ...overrides } = (handler.extras ?? {}) as HandlerExtras;
      const spec: ConsumerSpec = { ...base, ...overrides };
      const stream = streamName(this.ns, streamFor(spec.subject, this.topology.streams).name);
      const durable = durableName(spec.service, spec.subject);
      await upsertConsumer(jsm, stream, consumerConfig(this.ns, base));
      const consumer = await this.js.consumers.get(stream, durable);
      const messages = await consumer.consume({ max_messages: spec.concurrency * spec.batchSize });
      const queue = new BatchQueue<JsMsg>(spec.concurrency * spec.batchSize);
      this.iterators.push(messages);
      this.queues.push(queue);
      this.loops.push(this.pump(messages, queue, durable));
      const route: Route = { spec, durable, handler, batch };
      for (let i = 0; i < spec.concurrency; i++) this.workers.push(this.work(queue, route));
      this.log.log(`consuming ${spec.subject} from ${stream} as ${durable} (concurrency ${spec.concurrency}, batches of up to ${spec.batchSize}${batch ? ', batch handler' : ''})`);
    }
  }

  /** Pulls into the queue; never handles anything itself. */
  private async pump(messages: ConsumerMessages, queue: BatchQueue<JsMsg>, durable: string): Promise<void> {
    try {
      for await (const msg of messages) {
        if (this.closing || !(await queue.put(msg))) settle(() => msg.nak(HAND_BACK_DELAY_MS)); // not started: back to the stream, for another instance
      }
    } catch (err) {
      if (!this.closing) this.log.error(`consumer ${durable} stopped: ${describeError(err)}`);
    }
  }

  private async work(queue: BatchQueue<JsMsg>, route: Route): Promise<void> {
    const { spec, durable } = route;
    for (;;) {
      const batch = await queue.take(spec.batchSize);
      if (batch.length === 0) return;
      try {
        await this.handleBatch(batch, route);
      } catch (err) {
        // A bug here must not stop this worker; the batch is redelivered.
        this.log.error(`${durable}: batch failed outside its handlers, handing it back: ${describeError(err)}`);
        for (const m of batch) settle(() => m.nak(backoffDelay(spec.backoffSeconds.map((x) => x * 1000), m.info.deliveryCount)));
      }
    }
  }

  /**
   * Handles several messages in one transaction (one inbox insert, one commit), which is what
   * makes the inbox cheap under load. If any handler fails, the whole batch rolls back and each
   * message is handled alone, so only the failing one is retried or dead-lettered.
   */
  private async handleBatch(batch: JsMsg[], route: Route): Promise<void> {
    const { spec, durable } = route;
    const items: Delivery[] = [];
    for (const msg of batch) {
      const subject = unwireSubject(this.ns, msg.subject);
      const parsed = this.parse(msg, spec, subject);
      if ('problem' in parsed) await this.deadLetter(msg, spec, subject, parsed.problem);
      else items.push({ msg, subject, ...parsed });
    }
    if (items.length === 1) return void (await this.handle(items[0], route));
    if (items.length === 0) return;
    const heartbeat = setInterval(() => items.forEach((d) => d.msg.working()), (spec.ackWaitSeconds * 1000) / 2);
    const labels = { service: spec.service, subject: spec.subject };
    try {
      const fresh = await this.inbox.runBatch(durable, items, async (manager, fresh) => {
        await this.invoke(route, items.filter((d) => fresh.delete(d.key)), manager); // a key twice in one batch runs once
      });
      for (const d of items) await this.options.beforeAck?.(d.msg);
      for (const d of items) settle(() => d.msg.ack());
      messagingMetrics.handled.inc(labels, fresh.size);
      messagingMetrics.duplicates.inc(labels, items.length - fresh.size);
    } catch {
      for (const d of items) await this.handle(d, route);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async handle(d: Delivery, route: Route): Promise<Settlement> {
    const { spec, durable } = route;
    const labels = { service: spec.service, subject: spec.subject };
    const heartbeat = setInterval(() => d.msg.working(), (spec.ackWaitSeconds * 1000) / 2);
    const timer = messagingMetrics.handleSeconds.startTimer(labels);
    try {
      const outcome = await this.inbox.run(durable, d.key, d.subject, (manager) => this.invoke(route, [d], manager));
      await this.options.beforeAck?.(d.msg);
      settle(() => d.msg.ack());
      (outcome.duplicate ? messagingMetrics.duplicates : messagingMetrics.handled).inc(labels);
      return outcome.duplicate ? 'duplicate' : 'ack';
    } catch (err) {
      return this.fail(d.msg, spec, d.subject, err);
    } finally {
      clearInterval(heartbeat);
      timer();
    }
  }

  /** Hands the deliveries to the route's handler: all at once to a batch handler, else one by one. */
  private async invoke(route: Route, items: Delivery[], manager: EntityManager): Promise<void> {
    const publish = (events: EventEnvelope | EventEnvelope[]) => this.outbox.publish(manager, events);
    const call = async (payload: unknown, ctx: JetStreamContext | JetStreamBatchContext) =>
      lastValueFrom(this.transformToObservable(await route.handler(payload, ctx)), { defaultValue: undefined });
    if (!route.batch) {
      for (const d of items) await call(d.payload, new JetStreamContext([d.msg, d.subject, manager, publish]));
    } else if (items.length > 0) {
      await call(items.map((d) => d.payload), new JetStreamBatchContext([items.map((d) => d.msg), items.map((d) => d.subject), manager, publish]));
    }
  }

  private parse(msg: JsMsg, spec: ConsumerSpec, subject: string): { payload: unknown; key: string } | { problem: string } {
    let body: unknown;
    try {
      body = msg.json();
    } catch {
      return { problem: 'payload is not valid JSON' };
    }
    if (spec.kind === 'raw') return { payload: body, key: `seq:${msg.info.streamSequence}` };
    const check = validateEvent(body, 'tolerant');
    if (!check.ok) return { problem: `contract: ${check.problems.join('; ')}` };
    if (check.event.type !== subject) return { problem: `contract: type ${check.event.type} arrived on subject ${subject}` };
    return { payload: check.event as EventEnvelope, key: check.event.id };
  }

  private async fail(msg: JsMsg, spec: ConsumerSpec, subject: string, err: unknown): Promise<Settlement> {
    if (isSwallowed(err)) this.log.error(`an exception filter replaced ${subject}'s error: register a filter that rethrows RPC errors (RethrowRpcErrorsFilter)`);
    const reason = describeError(err);
    if (isPermanent(err)) return this.deadLetter(msg, spec, subject, `permanent: ${reason}`);
    const deliveries = msg.info.deliveryCount;
    if (deliveries >= spec.maxDeliver) return this.deadLetter(msg, spec, subject, `failed ${deliveries} deliveries, last error: ${reason}`);
    const delay = backoffDelay(spec.backoffSeconds.map((s) => s * 1000), deliveries);
    this.log.warn(`${subject} #${msg.info.streamSequence} delivery ${deliveries}/${spec.maxDeliver} failed, retry in ${delay} ms: ${reason}`);
    settle(() => msg.nak(delay));
    messagingMetrics.retried.inc({ service: spec.service, subject: spec.subject });
    return 'retry';
  }

  private async deadLetter(msg: JsMsg, spec: ConsumerSpec, subject: string, reason: string): Promise<Settlement> {
    try {
      await copyToDeadLetters(this.js, this.ns, spec.service, subject, msg, reason);
    } catch (err) {
      // Not copied, so not terminated: it comes back and the copy is tried again.
      this.log.error(`${subject} #${msg.info.streamSequence}: dead-letter copy failed, will retry: ${describeError(err)}`);
      settle(() => msg.nak(backoffDelay(spec.backoffSeconds.map((s) => s * 1000), msg.info.deliveryCount)));
      return 'retry';
    }
    settle(() => msg.term()); // no reason text: nats-server 2.9 ignores '+TERM <reason>' and redelivers
    messagingMetrics.deadLettered.inc({ service: spec.service, subject: spec.subject });
    this.log.error(`${subject} #${msg.info.streamSequence} dead-lettered after ${msg.info.deliveryCount} deliveries: ${reason}`);
    return 'dead-letter';
  }
}

/** An ack, nak or term that cannot be sent (connection gone) is harmless: unsettled means redelivered. */
function settle(send: () => void): void {
  try {
    send();
  } catch {
    // redelivered after ack_wait; the inbox makes that safe
  }
}

/** What Nest's default RPC filter leaves of an error: retried as transient, its cause lost. */
function isSwallowed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && !(err instanceof Error) && (err as { status?: unknown }).status === 'error';
}
