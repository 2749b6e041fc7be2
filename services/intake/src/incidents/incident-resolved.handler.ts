import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { IncidentResolved, type EventEnvelope, type IncidentResolvedV1 } from '@jingwang/contracts';
import { JetStreamContext, OnEvent } from '@jingwang/messaging';
import { AlertIntakeService } from '../alerts/report/alert-intake.service.ts';
import { IntakeErrors } from '../intake.errors.ts';
import { IncidentRepository } from './incident.repository.ts';

/** Dispatch's word that an incident is done: intake closes it, so that later calls open a new one. */
@Controller()
export class IncidentResolvedHandler {
  private readonly repo = new IncidentRepository();

  constructor(@Inject(AlertIntakeService) private readonly intake: AlertIntakeService) {}

  @OnEvent(IncidentResolved.subject)
  async incidentResolved(@Payload() event: EventEnvelope<IncidentResolvedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { incidentId, resolvedAt, outcome } = event.data;
    const result = await this.repo.closeIncident(ctx.manager, incidentId, resolvedAt, outcome ?? null);
    if (result === 'closed') this.intake.incidentClosed(incidentId);
    if (result === 'unknown') throw IntakeErrors.unknownIncident(incidentId);
  }
}
