import 'reflect-metadata'; // @Type() reads design-time types
import { IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { EVENT_SUBJECT } from './subject.ts';

/** Who caused the event: a person (officer, clerk) or a system (a channel, a service). */
export class EventActor {
  @IsIn(['user', 'system', 'channel'])
  kind!: 'user' | 'system' | 'channel';

  @IsString()
  @Length(1, 128)
  id!: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  role?: string;
}

/** The one envelope every event travels in (docs/events-and-delivery.md). */
export class EventEnvelope<TData extends object = object> {
  /** UUID, also sent as `Nats-Msg-Id` so JetStream drops duplicate publishes. */
  @IsUUID()
  id!: string;

  /** The subject without any namespace prefix, e.g. `intake.alert.received.v1`. */
  @Matches(EVENT_SUBJECT, { message: 'type must look like <service>.<aggregate>.<fact>.v<N>' })
  type!: string;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'producer must be a service name in lower case' })
  producer!: string;

  /** The id shared by every event of one business flow (the first event's id, or a request id). */
  @IsUUID()
  correlationId!: string;

  /** The id of the event (or request) that directly caused this one; null for a flow's first event. */
  @IsOptional()
  @IsUUID()
  causationId!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => EventActor)
  actor?: EventActor;

  @IsObject()
  data!: TData;
}
