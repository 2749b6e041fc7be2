import type { DataSource, EntityManager } from 'typeorm';
import { validateEvent, type EventEnvelope } from '@jingwang/contracts';
import { assertServiceName, jsonTexts, preparedQuery, quoteIdent, splitJsonTexts } from '@jingwang/persistence';
import { localRelayLease, markOutboxWritten, outboxCommitted } from './outbox-commit.signal.ts';

/** Outbox columns, one array each (see `OutboxPublisher.rows`). */
export interface OutboxRows {
  id: string[];
  subject: string[];
  envelope: string[];
  headers: Record<string, string>[];
  /** `next_attempt_at` is now plus this: the rows are leased to this process's relay (0: none here, due at once). */
  leaseSeconds: number;
}

/**
 * A WITH item that queues events in `<schema>.outbox`, leased for `lease` seconds (an SQL
 * expression, usually a parameter): four parameters from `$first`, given by `outboxParameters`.
 * The envelopes and headers go as `jsonTexts`, not escaped into arrays. A statement of its own is
 * `WITH ${outboxInsert(...)} SELECT ...`; a data-modifying WITH item runs to completion whether or
 * not it is read.
 */
export const outboxInsert = (schema: string, first: number, lease: string): string =>
  `outbox_rows AS (
         INSERT INTO ${quoteIdent(assertServiceName(schema))}.outbox (id, subject, envelope, headers, next_attempt_at)
         SELECT *, now() + ${lease} * interval '1 second'
           FROM unnest($${first}::uuid[], $${first + 1}::text[], ${splitJsonTexts(`$${first + 2}`)}, ${splitJsonTexts(`$${first + 3}`)}::jsonb[]))`;

/** The four parameters of `outboxInsert`, in order. */
export const outboxParameters = (rows: OutboxRows): [string[], string[], string, string] => [
  rows.id,
  rows.subject,
  jsonTexts(rows.envelope),
  jsonTexts(rows.headers.map((h) => JSON.stringify(h))),
];

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
 * and the event commit together or not at all. The relay publishes them after the commit: the
 * relay of this process straight away, the rows leased to it as they are written, so that no
 * other relay claims them meanwhile; any relay once the lease ends, if this one never did.
 */
export class OutboxPublisher {
  private readonly insert: string;

  constructor(private readonly service: string) {
    this.insert = `WITH ${outboxInsert(service, 1, '$5')} SELECT 1`;
  }

  async publish(manager: EntityManager, events: EventEnvelope | EventEnvelope[]): Promise<void> {
    const rows = this.rows(Array.isArray(events) ? events : [events], manager.connection);
    if (rows.id.length === 0) return;
    await preparedQuery(
      manager,
      `outbox_insert_${this.service}`,
      this.insert,
      [...outboxParameters(rows), rows.leaseSeconds],
    );
    this.written(manager, rows);
  }

  /**
   * The outbox columns of checked events, for a caller that inserts them in a statement of its own
   * (`outboxInsert(<svc>, n, <leaseSeconds parameter>)` in its WITH list, with
   * `outboxParameters(rows)`), so that its writes and events take one round trip. It must call
   * `written` with the rows in the same transaction. `dataSource` is the one it writes through: the rows are leased
   * to that data source's relay in this process, if there is one.
   */
  rows(events: EventEnvelope[], dataSource: DataSource): OutboxRows {
    for (const event of events) this.check(event);
    return {
      id: events.map((e) => e.id),
      subject: events.map((e) => e.type),
      envelope: events.map((e) => JSON.stringify(e)),
      headers: events.map((e) => ({ 'Jw-Correlation-Id': e.correlationId, 'Jw-Event-Type': e.type })),
      leaseSeconds: localRelayLease(dataSource, this.service),
    };
  }

  /** After an outbox insert of the caller's own: the rows go to the relay when the transaction commits. */
  written(manager: EntityManager, rows: OutboxRows): void {
    markOutboxWritten(manager, this.service, rows);
  }

  /** For a caller that commits outside TypeORM (its own connection): the rows' insert has committed, they go to the relay now. */
  committed(dataSource: DataSource, rows: OutboxRows): void {
    outboxCommitted(dataSource, this.service, rows);
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
