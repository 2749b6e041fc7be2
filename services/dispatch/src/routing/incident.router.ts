import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AssigneeV1, AssignmentCause, IncidentAssignedV1, LaneName } from '@jingwang/contracts';
import { DUTY_ROSTER, type DutyRoster } from '../roster/duty.model.ts';
import { STAFF_DIRECTORY, type StaffDirectory } from '../staff/staff.model.ts';
import type { IncidentRecord } from '../incidents/incident.record.ts';
import { planAssignment, type AssignmentPlan } from './assignment.planner.ts';
import { deadlinesFor } from './deadlines.rules.ts';
import { ROUTING_RULES } from './routing.tokens.ts';
import type { RoutingRules } from './routing-rules.ts';
import { WorkloadDelta, WorkloadStore } from './workload.store.ts';

/** What routing decided for one incident: the fields to write and the event to tell of it. */
export interface Routed {
  changes: Pick<IncidentRecord, 'status' | 'assignedAt' | 'ruleId' | 'unitCode' | 'assignees' | 'acceptBy' | 'arriveBy' | 'resolveBy'>;
  plan: AssignmentPlan;
  assigned: IncidentAssignedV1;
}

export type Routable = Pick<IncidentRecord, 'id' | 'alertId' | 'typeCode' | 'lane' | 'priority' | 'gridCode' | 'policeGridCode' | 'communityCode' | 'receivedAt'> & {
  /** Released first (reassign, transfer): these people are not picked again. */
  previous?: Pick<IncidentRecord, 'assignees' | 'unitCode'>;
};

/**
 * Assigns incidents by the rule table: reads who is on duty and how loaded everyone is, plans
 * each incident (later ones in the call see the earlier ones' picks), and moves the workload
 * counters in the caller's transaction.
 */
@Injectable()
export class IncidentRouter {
  private readonly workload = new WorkloadStore();

  constructor(
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
    @Inject(DUTY_ROSTER) private readonly roster: DutyRoster,
    @Inject(ROUTING_RULES) private readonly rules: RoutingRules,
  ) {}

  async route(m: EntityManager, incidents: Routable[], cause: AssignmentCause, at = new Date()): Promise<Routed[]> {
    const { routed, workload } = await this.plan(m, incidents, cause, at);
    await this.applyWorkload(m, workload);
    return routed;
  }

  /**
   * `route` without moving the counters: the caller applies `workload` (applyWorkload) as the last
   * statement of its transaction, so the counters' row locks are held for the commit alone.
   */
  async plan(m: EntityManager, incidents: Routable[], cause: AssignmentCause, at = new Date()): Promise<{ routed: Routed[]; workload: WorkloadDelta }> {
    const delta = new WorkloadDelta();
    if (incidents.length === 0) return { routed: [], workload: delta };
    const [duty, loads] = await Promise.all([this.roster.dutyAt(at), this.workload.read(m)]);
    const routed = incidents.map((i): Routed => {
      if (i.previous) {
        delta.add(i.previous.assignees, i.previous.unitCode, -1);
        for (const a of i.previous.assignees) loads.staff.set(a.code, Math.max(0, (loads.staff.get(a.code) ?? 0) - 1));
      }
      const exclude = new Set([...(i.previous?.assignees.map((a) => a.code) ?? []), ...(i.previous?.unitCode ? [i.previous.unitCode] : [])]);
      const lane = i.lane as LaneName;
      const typeCode = i.typeCode!;
      const plan = planAssignment({ lane, typeCode, priority: i.priority, gridCode: i.gridCode, policeGridCode: i.policeGridCode, communityCode: i.communityCode }, this.rules, this.staff, duty, loads, exclude);
      delta.add(plan.assignees, plan.unitCode, 1);
      const deadlines = deadlinesFor(typeCode, i.priority, at, i.receivedAt);
      const assignedAt = at.toISOString();
      return {
        plan,
        changes: { status: 'assigned', assignedAt, ruleId: plan.ruleId, unitCode: plan.unitCode, assignees: plan.assignees, ...deadlines },
        assigned: {
          incidentId: i.id, alertId: i.alertId, lane, typeCode, priority: i.priority, gridCode: i.gridCode, unitCode: plan.unitCode, assignees: plan.assignees,
          ruleId: plan.ruleId, reason: plan.reason, deadlines, cause, receivedAt: i.receivedAt, assignedAt,
        },
      };
    });
    return { routed, workload: delta };
  }

  applyWorkload(m: EntityManager, delta: WorkloadDelta): Promise<void> {
    return this.workload.apply(m, delta);
  }

  /** The people a commander chose, instead of the rule table's: recorded as rule `manual`. */
  async assignChosen(m: EntityManager, incident: Routable & Pick<IncidentRecord, 'assignees' | 'unitCode'>, assignees: AssigneeV1[], actorId: string, at = new Date()): Promise<Routed> {
    await this.workload.apply(m, new WorkloadDelta().add(incident.assignees, incident.unitCode, -1).add(assignees, null, 1));
    const plan: AssignmentPlan = { ruleId: 'manual', reason: `由 ${actorId} 指定 / chosen by ${actorId}`, unitCode: null, assignees };
    const deadlines = deadlinesFor(incident.typeCode!, incident.priority, at, incident.receivedAt);
    const assignedAt = at.toISOString();
    return {
      plan,
      changes: { status: 'assigned', assignedAt, ruleId: plan.ruleId, unitCode: null, assignees, ...deadlines },
      assigned: {
        incidentId: incident.id, alertId: incident.alertId, lane: incident.lane as LaneName, typeCode: incident.typeCode!, priority: incident.priority, gridCode: incident.gridCode,
        unitCode: null, assignees, ruleId: plan.ruleId, reason: plan.reason, deadlines, cause: 'reassign', receivedAt: incident.receivedAt, assignedAt,
      },
    };
  }

  /** The incident's people are free of it (resolved). */
  release(m: EntityManager, incident: Pick<IncidentRecord, 'assignees' | 'unitCode'>): Promise<void> {
    return this.workload.apply(m, new WorkloadDelta().add(incident.assignees, incident.unitCode, -1));
  }
}
