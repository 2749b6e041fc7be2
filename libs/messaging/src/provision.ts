import { AckPolicy, DeliverPolicy, DiscardPolicy, jetstreamManager, RetentionPolicy, StorageType, type ConsumerConfig, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { nanos } from '@nats-io/nats-core';
import {
  CONSUMERS,
  durableName,
  ROOT_NAMESPACE,
  STREAMS,
  streamFor,
  streamName,
  wireSubject,
  type BusNamespace,
  type ConsumerSpec,
  type StreamSpec,
} from '@jingwang/contracts';

export interface Topology {
  ns: BusNamespace;
  streams: StreamSpec[];
  consumers: ConsumerSpec[];
}

export const defaultTopology = (ns: BusNamespace = ROOT_NAMESPACE): Topology => ({ ns, streams: STREAMS, consumers: CONSUMERS });

export interface ProvisionReport {
  streams: { name: string; action: 'created' | 'updated' | 'unchanged' }[];
  consumers: { stream: string; durable: string; action: 'created' | 'updated' | 'unchanged' }[];
}

export function streamConfig(ns: BusNamespace, spec: StreamSpec): Partial<StreamConfig> & { name: string } {
  return {
    name: streamName(ns, spec.name),
    subjects: spec.subjects.map((s) => wireSubject(ns, s)),
    description: spec.description,
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(spec.maxAgeSeconds * 1000),
    max_bytes: spec.maxBytes,
    duplicate_window: nanos(spec.duplicateWindowSeconds * 1000),
    num_replicas: 1,
  };
}

export function consumerConfig(ns: BusNamespace, spec: ConsumerSpec): Partial<ConsumerConfig> & { durable_name: string } {
  return {
    durable_name: durableName(spec.service, spec.subject),
    description: `${spec.service} consumes ${spec.subject}`,
    filter_subject: wireSubject(ns, spec.subject),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(spec.ackWaitSeconds * 1000),
    // The transport counts deliveries and dead-letters itself; a server-side limit would
    // silently park a message that the transport never got to copy to the DLQ.
    max_deliver: -1,
    max_ack_pending: Math.max(1000, spec.concurrency * 4),
  };
}

/** Creates or updates every stream and consumer of the topology; safe to run any number of times. */
export async function provision(nc: NatsConnection, topology: Topology): Promise<ProvisionReport> {
  const jsm = await jetstreamManager(nc);
  const report: ProvisionReport = { streams: [], consumers: [] };
  for (const spec of topology.streams) {
    const cfg = streamConfig(topology.ns, spec);
    report.streams.push({ name: cfg.name, action: await upsertStream(jsm, cfg) });
  }
  for (const spec of topology.consumers) {
    const stream = streamName(topology.ns, streamFor(spec.subject, topology.streams).name);
    const cfg = consumerConfig(topology.ns, spec);
    report.consumers.push({ stream, durable: cfg.durable_name, action: await upsertConsumer(jsm, stream, cfg) });
  }
  return report;
}

async function upsertStream(jsm: JetStreamManager, cfg: Partial<StreamConfig> & { name: string }) {
  const existing = await jsm.streams.info(cfg.name).catch(() => null);
  if (!existing) {
    await jsm.streams.add(cfg);
    return 'created' as const;
  }
  if (!differs(existing.config as unknown as Record<string, unknown>, cfg)) return 'unchanged' as const;
  await jsm.streams.update(cfg.name, cfg);
  return 'updated' as const;
}

export async function upsertConsumer(jsm: JetStreamManager, stream: string, cfg: Partial<ConsumerConfig> & { durable_name: string }) {
  const existing = await jsm.consumers.info(stream, cfg.durable_name).catch(() => null);
  if (!existing) {
    await jsm.consumers.add(stream, cfg);
    return 'created' as const;
  }
  if (!differs(existing.config as unknown as Record<string, unknown>, cfg)) return 'unchanged' as const;
  await jsm.consumers.update(stream, cfg.durable_name, cfg);
  return 'updated' as const;
}

function differs(actual: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).some(([k, v]) => JSON.stringify(actual[k]) !== JSON.stringify(v));
}

/** Deletes every stream of a namespace (tests clean up with it; never used on the root namespace). */
export async function deleteNamespace(nc: NatsConnection, ns: BusNamespace): Promise<void> {
  if (!ns.prefix) throw new Error('refusing to delete the root namespace');
  const jsm = await jetstreamManager(nc);
  const prefix = streamName(ns, '');
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(prefix)) await jsm.streams.delete(name).catch(() => undefined);
  }
}
