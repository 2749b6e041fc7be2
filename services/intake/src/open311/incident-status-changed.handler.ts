import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { IncidentStatusChanged, type EventEnvelope, type IncidentStatusChangedV1 } from '@jingwang/contracts';
import { JetStreamContext, OnEvent } from '@jingwang/messaging';
import { IntakeErrors } from '../intake.errors.ts';
import { OPEN311_CHANNEL } from './open311.api-key.ts';
import { RequestUpdatesRepository } from './request-updates.repository.ts';
import { describeStatusChange } from './status-change.wording.ts';

/**
 * Channels whose alerts get an update for each status change: the 12345 hotline's, however they
 * came in (Open311, its own system over HTTP or NATS), the channel through which citizens and
 * Open311 clients follow a report. 110, 暖南诉办 and the others have no way to read them, and a
 * 110 case-team note has no place in a feed the hotline's clients poll.
 */
export const UPDATED_CHANNELS: readonly string[] = [OPEN311_CHANNEL];

/**
 * Dispatch moved an incident: each 12345 request of it (the first call and the linked repeats) gets
 * an update saying so, in the inbox's transaction. An incident intake never opened is dead-lettered.
 */
@Controller()
export class IncidentStatusChangedHandler {
  private readonly repo = new RequestUpdatesRepository();

  @OnEvent(IncidentStatusChanged.subject)
  async statusChanged(@Payload() event: EventEnvelope<IncidentStatusChangedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const result = await this.repo.recordStatusChange(ctx.manager, event.id, event.data, describeStatusChange(event.data), UPDATED_CHANNELS);
    if (result === 'unknown') throw IntakeErrors.unknownIncident(event.data.incidentId);
  }
}
