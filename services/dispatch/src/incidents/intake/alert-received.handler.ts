import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { getAlertType } from '@jingwang/alert-catalog';
import {
  AlertReceived, createEvent, IncidentAssigned, IncidentTriageRequired,
  type AlertReceivedV1, type EventEnvelope, type IncidentTriageRequiredV1, type LaneName,
} from '@jingwang/contracts';
import { JetStreamBatchContext, OnEventBatch } from '@jingwang/messaging';
import { IncidentRouter } from '../../routing/incident.router.ts';
import { dispatchMetrics } from '../../dispatch.metrics.ts';
import type { IncidentRecord, TimelineEntry } from '../incident.record.ts';
import { IncidentRepository } from '../incident.repository.ts';

const SYSTEM = 'dispatch';

/**
 * Every new incident from intake: routed by the rule table and assigned at once, or put in the
 * duty room's triage queue when it has no type or no place. One transaction per batch of events
 * (the platform's batch consumer); a redelivered event is skipped by the inbox, and an incident
 * already here is not written twice.
 */
@Controller()
export class AlertReceivedHandler {
  private readonly incidents = new IncidentRepository();

  constructor(@Inject(IncidentRouter) private readonly router: IncidentRouter) {}

  @OnEventBatch(AlertReceived.subject)
  async received(@Payload() events: EventEnvelope<AlertReceivedV1>[], @Ctx() ctx: JetStreamBatchContext): Promise<void> {
    const m = ctx.manager;
    const at = new Date();
    // created_at is the list's keyset: written to the millisecond its cursor carries, not now()'s microseconds.
    const records = events.map((e) => ({ ...newIncident(e), createdAt: at.toISOString() }));
    const routable = records.filter((r) => r.status === 'assigned');
    const plan = await this.router.plan(m, routable, 'new', at);
    const routed = new Map(plan.routed.map((r) => [r.assigned.incidentId, r]));
    for (const r of records) if (routed.has(r.id)) Object.assign(r, routed.get(r.id)!.changes);

    const written = await this.incidents.insertNew(m, records);
    // Already here (another event carried the same incident): what routing counted for it is not moved.
    for (const r of routable.filter((x) => !written.has(x.id))) plan.workload.add(routed.get(r.id)!.plan.assignees, routed.get(r.id)!.plan.unitCode, -1);
    const timeline: TimelineEntry[] = [];
    const out: EventEnvelope[] = [];
    records.forEach((r, i) => {
      if (!written.has(r.id)) return;
      const cause = events[i];
      timeline.push({ incidentId: r.id, what: 'received', actorId: SYSTEM, fromStatus: null, toStatus: null, note: null, detail: { channel: r.channel, typeCode: r.typeCode, gridCode: r.gridCode }, at: r.receivedAt });
      const done = routed.get(r.id);
      if (done) {
        timeline.push({ incidentId: r.id, what: 'assigned', actorId: SYSTEM, fromStatus: 'triage', toStatus: 'assigned', note: done.plan.reason, detail: { ruleId: done.plan.ruleId, unitCode: done.plan.unitCode, assignees: done.plan.assignees, cause: 'new' } });
        out.push(createEvent(IncidentAssigned.subject, done.assigned, { cause, occurredAt: at }));
        dispatchMetrics.receivedToAssigned.observe({ lane: r.lane! }, (at.getTime() - Date.parse(r.receivedAt)) / 1000);
      } else {
        const reasons = [...(r.typeCode ? [] : ['untyped']), ...(r.gridCode ? [] : ['unlocated'])];
        timeline.push({ incidentId: r.id, what: 'triage-required', actorId: SYSTEM, fromStatus: null, toStatus: 'triage', note: reasons.join(', ') || 'low confidence', detail: {} });
        const data: IncidentTriageRequiredV1 = { incidentId: r.id, alertId: r.alertId, reasons: reasons.length ? reasons : ['untyped'], description: r.description, receivedAt: r.receivedAt };
        out.push(createEvent(IncidentTriageRequired.subject, data, { cause, occurredAt: at }));
      }
    });
    await this.incidents.appendTimeline(m, timeline);
    await ctx.publish(out);
    await this.router.applyWorkload(m, plan.workload); // last: its row locks are held for the commit alone
  }
}

/** The incident as intake described it: to be assigned when it has a type and a place, else to triage. */
function newIncident(e: EventEnvelope<AlertReceivedV1>): IncidentRecord {
  const d = e.data;
  const type = d.typeCode ? getAlertType(d.typeCode) : undefined;
  const ready = !d.needsTriage && !!type && !!d.gridCode;
  return {
    id: d.incidentId, alertId: d.alertId, channel: d.channel, externalId: d.externalId, description: d.description,
    typeCode: type ? type.code : null, classifiedTypeCode: d.typeCode ?? null, typeConfidence: d.typeConfidence,
    lane: (type?.lane as LaneName | undefined) ?? null, priority: type?.priority ?? 3,
    gridCode: d.gridCode ?? null, policeGridCode: d.policeGridCode ?? null, communityCode: d.communityCode ?? null,
    status: ready ? 'assigned' : 'triage', resolution: null, resolvedOnSite: null, disputeFlag: false, repeatCount: 0,
    receivedAt: e.occurredAt, createdAt: e.occurredAt, assignedAt: null, ruleId: null, unitCode: null, assignees: [],
    acceptBy: null, arriveBy: null, resolveBy: null, acceptedAt: null, arrivedAt: null, resolvedAt: null, updatedAt: e.occurredAt,
  };
}
