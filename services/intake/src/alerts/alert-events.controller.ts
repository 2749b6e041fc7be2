import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { IncidentResolved, type EventEnvelope, type IncidentResolvedV1 } from '@jingwang/contracts';
import { JetStreamContext, OnEvent, PermanentError } from '@jingwang/messaging';
import { AlertIntakeService } from './alert-intake.service.ts';
import { AlertRepository } from './alert.repository.ts';
import { parseAlertBody } from './create-alert.dto.ts';

/** Alerts from systems on the bus, and dispatch's word that an incident is done. */
@Controller()
export class AlertEventsController {
  private readonly repo = new AlertRepository();

  constructor(@Inject(AlertIntakeService) private readonly intake: AlertIntakeService) {}

  @OnEvent('channel.*.alert')
  async fromChannel(@Payload() body: unknown, @Ctx() ctx: JetStreamContext): Promise<void> {
    const channel = ctx.subject.split('.')[1];
    const input = parseAlertBody(body); // a DomainError: dead letter with the reason, at once
    if (input.channel !== channel) throw new PermanentError('INTAKE.CHANNEL_MISMATCH', `body.channel ${input.channel} arrived on ${ctx.subject}`);
    await this.intake.receive(input, { kind: 'channel', id: channel }, ctx.manager);
  }

  @OnEvent(IncidentResolved.subject)
  async incidentResolved(@Payload() event: EventEnvelope<IncidentResolvedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { incidentId, resolvedAt, outcome } = event.data;
    const result = await this.repo.closeIncident(ctx.manager, incidentId, resolvedAt, outcome ?? null);
    if (result === 'closed') this.intake.incidentClosed(incidentId);
    if (result === 'unknown') throw new PermanentError('INTAKE.UNKNOWN_INCIDENT', `incident ${incidentId} does not exist in intake`);
  }
}
