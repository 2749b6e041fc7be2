/**
 * Every stream and durable consumer of the system, declared once. `provision` creates them
 * idempotently; each service's transport checks that its handlers match an entry here.
 */
const DAY_SECONDS = 86_400;
const GIB = 1024 ** 3;

export interface StreamSpec {
  name: string;
  subjects: string[];
  description: string;
  /** Long enough to rebuild read models from scratch (issue 2: about 400 days). */
  maxAgeSeconds: number;
  maxBytes: number;
  duplicateWindowSeconds: number;
}

export interface ConsumerSpec {
  /** The consuming service (it owns the durable consumer). */
  service: string;
  /** Subject filter; may use `*` for one token (channel.*.alert). */
  subject: string;
  /** Envelope events are validated against their contract; raw messages (channels) are not. */
  kind: 'event' | 'raw';
  maxDeliver: number;
  ackWaitSeconds: number;
  /** Redelivery delays for the 1st, 2nd, ... failure; the last one repeats. */
  backoffSeconds: number[];
  concurrency: number;
  /** Messages already waiting are handled up to this many per transaction (1: one by one). */
  batchSize: number;
}

const serviceStream = (service: string, description: string): StreamSpec => ({
  name: service.toUpperCase(),
  subjects: [`${service}.>`],
  description,
  maxAgeSeconds: 400 * DAY_SECONDS,
  maxBytes: GIB,
  duplicateWindowSeconds: 120,
});

export const STREAMS: StreamSpec[] = [
  serviceStream('intake', 'Alerts received and linked, incidents opened'),
  serviceStream('dispatch', 'Incidents assigned, accepted, arrived, resolved'),
  serviceStream('mediation', 'Disputes: tiers, escalations, sessions, agreements'),
  serviceStream('permits', 'Residence-permit applications and batches'),
  serviceStream('insights', 'KPI snapshots'),
  serviceStream('gateway', 'Logins and console actions'),
  { ...serviceStream('channel', 'External channels that speak NATS: channel.<channel>.alert'), name: 'CHANNELS' },
  { ...serviceStream('dlq', 'Dead letters: dlq.<service>.<original subject>'), name: 'DLQ' },
];

const defaults = { kind: 'event' as const, maxDeliver: 10, ackWaitSeconds: 30, backoffSeconds: [1, 5, 15, 60], concurrency: 4, batchSize: 32 };

export const CONSUMERS: ConsumerSpec[] = [
  { ...defaults, service: 'intake', subject: 'channel.*.alert', kind: 'raw' },
  { ...defaults, service: 'intake', subject: 'dispatch.incident.resolved.v1' },
  { ...defaults, service: 'intake', subject: 'dispatch.incident.status-changed.v1' },
  { ...defaults, service: 'intake', subject: 'dispatch.incident.retyped.v1', concurrency: 1 },
  // One worker, larger batches: every batch moves the same workload counters, so more workers only
  // wait on each other's row locks (docs/benchmarks.md, bench:dispatch).
  { ...defaults, service: 'dispatch', subject: 'intake.alert.received.v1', concurrency: 1, batchSize: 128 },
  { ...defaults, service: 'dispatch', subject: 'intake.alert.linked.v1' },
];

/** Test runs and parallel deployments on one NATS account live under their own prefix. */
export interface BusNamespace {
  prefix: string;
}

export const ROOT_NAMESPACE: BusNamespace = { prefix: '' };

export function wireSubject(ns: BusNamespace, subject: string): string {
  return ns.prefix ? `${ns.prefix}.${subject}` : subject;
}

export function unwireSubject(ns: BusNamespace, wire: string): string {
  return ns.prefix && wire.startsWith(`${ns.prefix}.`) ? wire.slice(ns.prefix.length + 1) : wire;
}

export function streamName(ns: BusNamespace, name: string): string {
  return ns.prefix ? `${ns.prefix.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${name}` : name;
}

export function dlqSubject(service: string, subject: string): string {
  return `dlq.${service}.${subject}`;
}

/** Durable names may not contain `.`, `*` or `>`. */
export function durableName(service: string, subject: string): string {
  return `${service}__${subject.replace(/\*/g, 'any').replace(/>/g, 'all').replace(/\./g, '_')}`;
}

/** The stream that holds a subject: the one whose `<first token>.>` matches. */
export function streamFor(subject: string, streams: StreamSpec[] = STREAMS): StreamSpec {
  const head = subject.split('.')[0];
  const stream = streams.find((s) => s.subjects.some((p) => p === `${head}.>`));
  if (!stream) throw new Error(`no stream holds subject "${subject}"`);
  return stream;
}

export function consumerFor(service: string, subject: string, consumers: ConsumerSpec[] = CONSUMERS): ConsumerSpec | undefined {
  return consumers.find((c) => c.service === service && c.subject === subject);
}
