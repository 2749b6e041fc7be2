import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { getAlertType } from '@jingwang/alert-catalog';
import {
  createEvent, DisputeReferred, IncidentAssigned, IncidentResolved, IncidentRetyped, IncidentStatusChanged,
  type AssigneeV1, type AssignmentCause, type DisputeReferredV1, type EventEnvelope, type LaneName,
} from '@jingwang/contracts';
import type { District } from '@jingwang/district';
import { OutboxPublisher } from '@jingwang/messaging';
import { IncidentErrors } from '../../dispatch.errors.ts';
import { IncidentRouter } from '../../routing/incident.router.ts';
import { STAFF_DIRECTORY, type StaffDirectory } from '../../staff/staff.model.ts';
import { DISTRICT } from '../../district.token.ts';
import type { IncidentRecord, TimelineEntry } from '../incident.record.ts';
import { IncidentRepository } from '../incident.repository.ts';
import type { ReassignDto, RetypeDto, TransitionDto, TriageDto } from './incident-actions.dto.ts';
import { allowedFrom, resolutionsFrom, statusAfter } from './lifecycle.rules.ts';

const actorOf = (id: string) => ({ kind: 'user' as const, id });
const otherLane = (lane: LaneName): LaneName => (lane === 'case-team' ? 'community' : 'case-team');
/** A repeat call raised the priority one step each (at most to 1). */
const priorityOf = (typeCode: string, repeats: number) => Math.max(1, (getAlertType(typeCode)?.priority ?? 3) - repeats);

/**
 * Every change staff make to an incident: one transaction each, the incident row locked, the
 * change and its timeline entry and events committed together (events through the outbox).
 */
@Injectable()
export class IncidentLifecycle {
  private readonly incidents = new IncidentRepository();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OutboxPublisher) private readonly outbox: OutboxPublisher,
    @Inject(IncidentRouter) private readonly router: IncidentRouter,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
    @Inject(DISTRICT) private readonly district: District,
  ) {}

  transition(id: string, dto: TransitionDto, actorId: string): Promise<IncidentRecord> {
    return this.change(id, actorId, async (m, inc, out) => {
      const allowed = allowedFrom(inc.status);
      if (!allowed.includes(dto.to)) throw IncidentErrors.invalidTransition(inc.status, dto.to, allowed);
      if (dto.resolution && dto.to !== 'resolved') throw IncidentErrors.resolutionOnlyOnResolve();
      if (dto.to === 'transferred') return this.reroute(m, inc, out, actorId, 'transfer', 'transferred', dto.note ?? null, otherLane(inc.lane!));
      const now = new Date().toISOString();
      const changes: Partial<IncidentRecord> = { status: statusAfter(dto.to) };
      if (dto.to === 'accepted') changes.acceptedAt = now;
      if (dto.to === 'on-scene') changes.arrivedAt = now;
      let referral: DisputeReferredV1 | null = null;
      if (dto.to === 'resolved') {
        const resolutions = resolutionsFrom(inc.status);
        if (!dto.resolution) throw IncidentErrors.resolutionRequired(resolutions);
        if (!resolutions.includes(dto.resolution)) throw IncidentErrors.resolutionNotNow(inc.status, dto.resolution, resolutions);
        Object.assign(changes, { resolvedAt: now, resolution: dto.resolution, resolvedOnSite: dto.resolution === 'resolved-on-site' });
        const isDispute = !!inc.typeCode && getAlertType(inc.typeCode)?.isDispute === true;
        if (dto.dispute || (isDispute && dto.resolution === 'referred-to-mediation')) {
          if (!dto.parties?.length) throw IncidentErrors.partiesRequired();
          changes.disputeFlag = true;
          referral = await this.referral(m, inc, dto, actorId, now);
        }
        await this.router.release(m, inc);
      }
      const after = await this.incidents.update(m, inc.id, changes);
      await this.record(m, out, inc, after, dto.to, actorId, dto.note ?? null, dto.resolution ? { resolution: dto.resolution } : {});
      if (after.status === 'resolved') {
        out.push(createEvent(IncidentResolved.subject, {
          incidentId: inc.id, resolvedAt: now, outcome: dto.resolution, resolution: dto.resolution, resolvedOnSite: after.resolvedOnSite ?? false,
          ...(inc.typeCode ? { typeCode: inc.typeCode } : {}), ...(inc.lane ? { lane: inc.lane } : {}),
        }, { actor: actorOf(actorId) }));
      }
      if (referral) out.push(createEvent(DisputeReferred.subject, referral, { actor: actorOf(actorId) }));
      return after;
    });
  }

  reassign(id: string, dto: ReassignDto, actorId: string): Promise<IncidentRecord> {
    return this.change(id, actorId, async (m, inc, out) => {
      const allowed = allowedFrom(inc.status);
      if (!allowed.includes('reassigned')) throw inc.status === 'triage' ? IncidentErrors.inTriage() : IncidentErrors.invalidTransition(inc.status, 'reassigned', allowed);
      if (!dto.staffCodes) return this.reroute(m, inc, out, actorId, 'reassign', 'reassigned', dto.reason, inc.lane!);
      const chosen = dto.staffCodes.map((c) => this.staff.byCode(c));
      const unknown = dto.staffCodes.filter((_, i) => !chosen[i]);
      if (unknown.length) throw IncidentErrors.unknownStaff(unknown);
      const assignees: AssigneeV1[] = chosen.map((s, i) => ({ code: s!.code, name: s!.name, part: i === 0 ? 'lead' : s!.role }));
      const routed = await this.router.assignChosen(m, inc, assignees, actorId);
      const after = await this.incidents.update(m, inc.id, routed.changes);
      await this.record(m, out, inc, after, 'reassigned', actorId, dto.reason, { assignees, ruleId: routed.plan.ruleId });
      out.push(createEvent(IncidentAssigned.subject, routed.assigned, { actor: actorOf(actorId) }));
      return after;
    });
  }

  triage(id: string, dto: TriageDto, actorId: string): Promise<IncidentRecord> {
    return this.change(id, actorId, async (m, inc, out) => {
      if (inc.status !== 'triage') throw IncidentErrors.notInTriage(inc.status);
      const type = getAlertType(dto.typeCode);
      if (!type) throw IncidentErrors.unknownType(dto.typeCode);
      const place = this.district.locationOfGrid(dto.gridCode);
      if (!place) throw IncidentErrors.unknownGrid(dto.gridCode);
      const typed: IncidentRecord = {
        ...inc, typeCode: type.code, lane: type.lane, priority: priorityOf(type.code, inc.repeatCount),
        gridCode: place.grid.code, policeGridCode: place.policeGrid.code, communityCode: place.community.code,
      };
      const [routed] = await this.router.route(m, [typed], 'triage');
      const after = await this.incidents.update(m, inc.id, {
        typeCode: typed.typeCode, lane: typed.lane, priority: typed.priority, gridCode: typed.gridCode, policeGridCode: typed.policeGridCode, communityCode: typed.communityCode,
        ...routed.changes,
      });
      await this.record(m, out, inc, after, 'triaged', actorId, dto.note ?? null, { typeCode: type.code, gridCode: place.grid.code, ruleId: routed.plan.ruleId, reason: routed.plan.reason });
      out.push(createEvent(IncidentAssigned.subject, routed.assigned, { actor: actorOf(actorId) }));
      if (inc.classifiedTypeCode !== type.code) out.push(this.retyped(inc, inc.classifiedTypeCode, type.code, actorId));
      return after;
    });
  }

  retype(id: string, dto: RetypeDto, actorId: string): Promise<IncidentRecord> {
    return this.change(id, actorId, async (m, inc, out) => {
      if (inc.status === 'triage') throw IncidentErrors.inTriage();
      if (inc.status === 'resolved') throw IncidentErrors.closed();
      const type = getAlertType(dto.typeCode);
      if (!type) throw IncidentErrors.unknownType(dto.typeCode);
      if (type.code === inc.typeCode) throw IncidentErrors.sameType(type.code);
      const retyped: IncidentRecord = { ...inc, typeCode: type.code, priority: priorityOf(type.code, inc.repeatCount) };
      const after = await this.incidents.update(m, inc.id, { typeCode: retyped.typeCode, priority: retyped.priority });
      out.push(this.retyped(inc, inc.typeCode, type.code, actorId));
      if (type.lane !== inc.lane) return this.reroute(m, retyped, out, actorId, 'retype', 'retyped', dto.note ?? null, type.lane);
      await this.incidents.appendTimeline(m, [{ incidentId: inc.id, what: 'retyped', actorId, fromStatus: inc.status, toStatus: inc.status, note: dto.note ?? null, detail: { from: inc.typeCode, to: type.code } }]);
      return after;
    });
  }

  /** Routing again, in `lane`: the people now on it are released and not picked again. */
  private async reroute(m: EntityManager, inc: IncidentRecord, out: EventEnvelope[], actorId: string, cause: AssignmentCause, transition: string, note: string | null, lane: LaneName): Promise<IncidentRecord> {
    const [routed] = await this.router.route(m, [{ ...inc, lane, previous: inc }], cause);
    const after = await this.incidents.update(m, inc.id, { lane, ...routed.changes });
    await this.record(m, out, inc, after, transition, actorId, note, { lane, ruleId: routed.plan.ruleId, reason: routed.plan.reason, assignees: routed.plan.assignees });
    out.push(createEvent(IncidentAssigned.subject, routed.assigned, { actor: actorOf(actorId) }));
    return after;
  }

  private retyped(inc: IncidentRecord, from: string | null, to: string, by: string): EventEnvelope {
    return createEvent(IncidentRetyped.subject, { incidentId: inc.id, alertId: inc.alertId, description: inc.description, from, to, by }, { actor: actorOf(by) });
  }

  /** The timeline entry and dispatch.incident.status-changed.v1 of a change. */
  private async record(m: EntityManager, out: EventEnvelope[], before: IncidentRecord, after: IncidentRecord, transition: string, actorId: string, note: string | null, detail: Record<string, unknown>): Promise<void> {
    const entry: TimelineEntry = { incidentId: before.id, what: transition, actorId, fromStatus: before.status, toStatus: after.status, note, detail };
    await this.incidents.appendTimeline(m, [entry]);
    out.push(createEvent(IncidentStatusChanged.subject, {
      incidentId: before.id, from: before.status, to: after.status, transition, lane: after.lane,
      ...(after.resolution && after.status === 'resolved' ? { resolution: after.resolution } : {}), ...(note ? { note } : {}), actorId, changedAt: after.updatedAt,
    }, { actor: actorOf(actorId) }));
  }

  private async referral(m: EntityManager, inc: IncidentRecord, dto: TransitionDto, actorId: string, now: string): Promise<DisputeReferredV1> {
    const history = await this.incidents.timeline(m, inc.id);
    return {
      incidentId: inc.id, alertId: inc.alertId, typeCode: inc.typeCode!, disputeFamily: getAlertType(inc.typeCode!)?.disputeFamily ?? null,
      parties: dto.parties!.map((p) => ({ name: p.name, ...(p.phone ? { phone: p.phone } : {}), ...(p.role ? { role: p.role } : {}) })),
      place: { gridCode: inc.gridCode, policeGridCode: inc.policeGridCode, communityCode: inc.communityCode, ...(dto.address ? { address: dto.address } : {}) },
      description: inc.description, repeatCount: inc.repeatCount,
      history: history.map((h) => ({ at: h.at!, what: h.what, actorId: h.actorId, ...(h.note ? { note: h.note.slice(0, 1000) } : {}) })),
      referredBy: actorId, referredAt: now,
    };
  }

  private async change(id: string, actorId: string, work: (m: EntityManager, inc: IncidentRecord, out: EventEnvelope[]) => Promise<IncidentRecord>): Promise<IncidentRecord> {
    return this.dataSource.transaction(async (m) => {
      const inc = await this.incidents.lock(m, id);
      if (!inc) throw IncidentErrors.notFound(id);
      const out: EventEnvelope[] = [];
      const after = await work(m, inc, out);
      await this.outbox.publish(m, out);
      return after;
    });
  }
}
