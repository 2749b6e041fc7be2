import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AlertLinked, createEvent, IncidentEscalated, type AlertLinkedV1, type EventEnvelope } from '@jingwang/contracts';
import { JetStreamContext, OnEvent } from '@jingwang/messaging';
import { IncidentErrors } from '../../dispatch.errors.ts';
import { IncidentRepository } from '../incident.repository.ts';

/**
 * A repeat call about an open incident: priority one step up (at most to 1), the count kept, and
 * the people on it told (dispatch.incident.escalated.v1). A call about an incident already
 * resolved is only noted; one about an incident not here yet is retried, because its
 * intake.alert.received.v1 travels on another consumer and may still be on the way.
 */
@Controller()
export class AlertLinkedHandler {
  private readonly incidents = new IncidentRepository();

  @OnEvent(AlertLinked.subject)
  async linked(@Payload() event: EventEnvelope<AlertLinkedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const m = ctx.manager;
    const d = event.data;
    const inc = await this.incidents.lock(m, d.incidentId);
    if (!inc) throw IncidentErrors.notYetKnown(d.incidentId);
    const detail = { alertId: d.alertId, channel: d.channel, reason: d.reason, repeatCount: d.repeatCount };
    if (inc.status === 'resolved') {
      await this.incidents.appendTimeline(m, [{ incidentId: inc.id, what: 'repeat-call-after-resolution', actorId: 'dispatch', fromStatus: inc.status, toStatus: inc.status, note: null, detail }]);
      return;
    }
    const priority = Math.max(1, inc.priority - 1);
    // Intake counts the incident's repeats; linked events may arrive out of order, so keep the highest.
    const repeatCount = Math.max(inc.repeatCount, d.repeatCount);
    await this.incidents.update(m, inc.id, { priority, repeatCount });
    await this.incidents.appendTimeline(m, [
      { incidentId: inc.id, what: 'repeat-call', actorId: 'dispatch', fromStatus: inc.status, toStatus: inc.status, note: `优先级 ${inc.priority} → ${priority} / priority ${inc.priority} -> ${priority}`, detail },
    ]);
    await ctx.publish(
      createEvent(
        IncidentEscalated.subject,
        { incidentId: inc.id, reason: 'repeat-call', previousPriority: inc.priority, priority, repeatCount, alertId: d.alertId, notify: inc.assignees.map((a) => a.code), escalatedAt: new Date().toISOString() },
        { cause: event },
      ),
    );
  }
}
