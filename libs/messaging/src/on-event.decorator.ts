import { EventPattern } from '@nestjs/microservices';
import type { HandlerExtras } from './jetstream.server.ts';

/**
 * `@EventPattern(subject, extras)` for the JetStream transport, typed for its context: Nest's own
 * typing insists that every argument after the payload is `unknown`.
 */
export const OnEvent = (subject: string, extras: HandlerExtras = {}): MethodDecorator => EventPattern(subject, extras) as MethodDecorator;
