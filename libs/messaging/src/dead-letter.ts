import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { dlqSubject, wireSubject, type BusNamespace } from '@jingwang/contracts';

export const DLQ_HEADERS = {
  reason: 'Jw-Dlq-Reason',
  deliveries: 'Jw-Dlq-Deliveries',
  subject: 'Jw-Dlq-Original-Subject',
  stream: 'Jw-Dlq-Original-Stream',
  sequence: 'Jw-Dlq-Original-Sequence',
  consumer: 'Jw-Dlq-Consumer',
  failedAt: 'Jw-Dlq-Failed-At',
} as const;

/**
 * Copies a message to `dlq.<service>.<subject>` with the reason, the delivery count and the
 * original headers. Only after the DLQ stream acknowledged the copy may the caller `term` it.
 */
export async function copyToDeadLetters(js: JetStreamClient, ns: BusNamespace, service: string, subject: string, msg: JsMsg, reason: string): Promise<void> {
  const h = natsHeaders();
  for (const [k, values] of msg.headers ?? []) for (const v of values) if (k !== 'Nats-Msg-Id') h.append(k, v);
  h.set(DLQ_HEADERS.reason, reason.slice(0, 2000).replace(/[\r\n]+/g, ' '));
  h.set(DLQ_HEADERS.deliveries, String(msg.info.deliveryCount));
  h.set(DLQ_HEADERS.subject, subject);
  h.set(DLQ_HEADERS.stream, msg.info.stream);
  h.set(DLQ_HEADERS.sequence, String(msg.info.streamSequence));
  h.set(DLQ_HEADERS.consumer, msg.info.consumer);
  h.set(DLQ_HEADERS.failedAt, new Date().toISOString());
  // One dead letter per original message and consumer, even if the term after it is lost.
  const msgID = `${msg.info.stream}:${msg.info.streamSequence}:${msg.info.consumer}`;
  await js.publish(wireSubject(ns, dlqSubject(service, subject)), msg.data, { headers: h, msgID });
}
