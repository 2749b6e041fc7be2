import { EventPattern } from '@nestjs/microservices';
import type { HandlerExtras } from './jetstream.server.ts';

/**
 * `@EventPattern(subject, extras)` for the JetStream transport, typed for its context: Nest's own
 * typing insists that every argument after the payload is `unknown`.
 */
export const OnEvent = (subject: string, extras: HandlerExtras = {}): MethodDecorator => EventPattern(subject, extras) as MethodDecorator;

/**
 * A handler that takes a whole batch: `(events: T[], ctx: JetStreamBatchContext)`, called once per
 * transaction with every message of the batch not seen before, so it can write them in one
 * statement. If it throws, the batch is rolled back and each message is handed to it alone.
 */
export const OnEventBatch = (subject: string, extras: Omit<HandlerExtras, 'batch'> = {}): MethodDecorator =>
  EventPattern(subject, { ...extras, batch: true }) as MethodDecorator;
