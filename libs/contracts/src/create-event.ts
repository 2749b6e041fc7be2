import { parseSubject } from './subject.ts';
import { timeOrderedId } from './time-ordered-id.ts';
import type { EventActor, EventEnvelope } from './envelope.ts';

export interface EventOrigin {
  /** The event or request this one follows from: its correlation id is inherited. */
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  correlationId?: string;
  actor?: EventActor;
  occurredAt?: Date;
}

/** Builds an envelope; the producer is the subject's service, so a service cannot emit another's facts. */
export function createEvent<T extends object>(type: string, data: T, origin: EventOrigin = {}): EventEnvelope<T> {
  const parts = parseSubject(type);
  if (!parts) throw new Error(`"${type}" is not a valid event subject`);
  const id = timeOrderedId(); // the outbox's unique index on it grows at its right edge
  return {
    id,
    type,
    occurredAt: (origin.occurredAt ?? new Date()).toISOString(),
    producer: parts.service,
    correlationId: origin.cause?.correlationId ?? origin.correlationId ?? id,
    causationId: origin.cause?.id ?? null,
    ...(origin.actor ? { actor: origin.actor } : {}),
    data,
  };
}
