import type { EntityManager } from 'typeorm';
import { validateEvent, type EventEnvelope } from '@jingwang/contracts';
import { assertServiceName, quoteIdent } from '@jingwang/persistence';
import { markOutboxWritten } from './outbox-commit.signal.ts';

export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly problems: string[],
  ) {
    super(`event ${type} does not match its contract: ${problems.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * Writes events to the service's outbox inside the caller's transaction, so the state change
 * and the event commit together or not at all. The relay publishes them later.
 */
export class OutboxPublisher {
  private readonly table: string;

  constructor(private readonly service: string) {
    this.table = `${quoteIdent(assertServiceName(service))}.outbox`;
  }

  async publish(manager: EntityManager, events: EventEnvelope | EventEnvelope[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    for (const event of list) this.check(event);
    await manager.query(
      `INSERT INTO ${this.table} (id, subject, envelope, headers)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[])`,
      [
        list.map((e) => e.id),
        list.map((e) => e.type),
        list.map((e) => JSON.stringify(e)),
        list.map((e) => JSON.stringify({ 'Jw-Correlation-Id': e.correlationId, 'Jw-Event-Type': e.type })),
      ],
    );
    markOutboxWritten(manager, this.service);
  }

  /** A producer never emits what its contract forbids: that is a bug, caught before it commits. */
  private check(event: EventEnvelope): void {
    if (event.producer !== this.service) {
      throw new InvalidEventError(event.type, [`producer: ${this.service} cannot publish ${event.producer}'s events`]);
    }
    const result = validateEvent(event, 'strict');
    if (!result.ok) throw new InvalidEventError(event.type, result.problems);
  }
}
