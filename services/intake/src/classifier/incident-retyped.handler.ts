import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { isAlertTypeCode } from '@jingwang/alert-catalog';
import { IncidentRetyped, type EventEnvelope, type IncidentRetypedV1 } from '@jingwang/contracts';
import { JetStreamContext, OnEvent } from '@jingwang/messaging';
import { IntakeErrors } from '../intake.errors.ts';
import { LearnedExamplesRepository } from './learned-examples.repository.ts';
import { LearningClassifier } from './learning-classifier.service.ts';

/**
 * A call-taker corrected an incident's type (at triage, or later with a re-route): the
 * description becomes a learned example of the type it was corrected to, stored in the inbox's
 * transaction, and the classifier hears of it once that commits.
 */
@Controller()
export class IncidentRetypedHandler {
  private readonly repo = new LearnedExamplesRepository();

  constructor(@Inject(LearningClassifier) private readonly classifier: LearningClassifier) {}

  @OnEvent(IncidentRetyped.subject)
  async retyped(@Payload() event: EventEnvelope<IncidentRetypedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { incidentId, alertId, description, from, to, by } = event.data;
    // A type intake does not know teaches nothing it could use: dead-lettered with the reason.
    if (!isAlertTypeCode(to)) throw IntakeErrors.unknownType(to);
    if (from === to) return; // confirmed, not corrected
    const stored = await this.repo.store(ctx.manager, { eventId: event.id, incidentId, alertId, text: description, fromType: from ?? null, toType: to, learnedBy: by });
    if (stored) this.classifier.corrected(ctx.manager);
  }
}
