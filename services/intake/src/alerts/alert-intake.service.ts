import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { District } from '@jingwang/district';
import { AlertLinked, AlertReceived, createEvent, type AlertLinkedV1, type AlertReceivedV1, type EventActor } from '@jingwang/contracts';
import { OutboxPublisher } from '@jingwang/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { INTAKE_CONFIG, type IntakeConfig } from '../intake.config.ts';
import { checkReportedAt, locate, typeOf } from './alert-enrichment.ts';
import { AlertRepository } from './alert.repository.ts';
import type { AlertAccepted, AlertInput } from './alert.types.ts';
import { normalisePhone } from './phone.validator.ts';
import { boundingBox, matchRepeat, relatedTypeCodes, type LinkReason } from './repeat-call.matcher.ts';

export const DISTRICT = Symbol('DISTRICT');

class DuplicateAlert extends Error {}

/**
 * The one door for alerts: validate, locate, classify, link repeat calls to their open incident,
 * and store the alert with its event in one transaction.
 */
@Injectable()
export class AlertIntakeService {
  private readonly repo = new AlertRepository();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(OutboxPublisher) private readonly outbox: OutboxPublisher,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
    @Inject(DISTRICT) private readonly district: District,
  ) {}

  /**
   * Records an alert, or returns the first answer for a (channel, externalId) seen before. With a
   * `manager` (a NATS handler's inbox transaction) it works inside that transaction.
   */
  async receive(input: AlertInput, actor: EventActor, manager?: EntityManager): Promise<AlertAccepted> {
    checkReportedAt(input.reportedAt, new Date(), this.config.clockSkewMinutes);
    const typed = typeOf(input);
    const located = locate(this.district, input.location);
    if (manager) {
      // Inside someone else's transaction a failed insert cannot be rolled back alone: look first.
      const seen = await this.repo.storedResponse(manager, input.channel, input.externalId);
      if (seen) return seen;
      const accepted = await this.record(manager, input, actor, typed, located);
      if (!accepted) throw new Error(`alert ${input.channel}/${input.externalId} is being recorded concurrently; retry`);
      return accepted;
    }
    try {
      return await this.db.transaction(async (m) => {
        const accepted = await this.record(m, input, actor, typed, located);
        if (!accepted) throw new DuplicateAlert();
        return accepted;
      });
    } catch (err) {
      if (!(err instanceof DuplicateAlert)) throw err;
      return (await this.repo.storedResponse(this.db.manager, input.channel, input.externalId))!;
    }
  }

  private async record(
    m: EntityManager,
    input: AlertInput,
    actor: EventActor,
    typed: ReturnType<typeof typeOf>,
    located: ReturnType<typeof locate>,
  ): Promise<AlertAccepted | null> {
    const alertId = randomUUID();
    const phone = input.caller?.phone ? normalisePhone(input.caller.phone) : null;
    const lat = input.location.lat ?? null;
    const lng = input.location.lng ?? null;
    const link = typed.typeCode ? await this.findRepeat(m, input, typed.typeCode, { phone, buildingKey: located.buildingKey, lat, lng, gridCode: located.gridCode }) : null;
    const needsTriage = typed.lowConfidence || located.resolvedBy === 'unresolved';
    const incidentId = link?.incidentId ?? randomUUID();
    const accepted: AlertAccepted = {
      alertId,
      incidentId,
      status: link ? 'linked' : 'new',
      ...(link ? { linkedTo: link.firstAlertId } : {}),
      typeCode: typed.typeCode,
      typeConfidence: typed.typeConfidence,
      gridCode: located.gridCode,
      policeGridCode: located.policeGridCode,
      communityCode: located.communityCode,
      needsTriage,
    };
    const repeatCount = link ? await this.repo.countRepeat(m, incidentId, input.reportedAt) : 0;
    const inserted = await this.repo.insertAlert(m, {
      id: alertId,
      incidentId,
      channel: input.channel,
      externalId: input.externalId,
      reportedAt: input.reportedAt,
      typeCode: typed.typeCode,
      typeConfidence: typed.typeConfidence,
      needsTriage,
      description: input.description,
      callerName: input.caller?.name ?? null,
      callerPhone: phone,
      address: input.location.address ?? null,
      lat,
      lng,
      gridCode: located.gridCode,
      policeGridCode: located.policeGridCode,
      communityCode: located.communityCode,
      buildingKey: located.buildingKey,
      resolvedBy: located.resolvedBy,
      attributes: input.attributes ?? null,
      media: input.media ?? null,
      actor: `${actor.kind}:${actor.id}`,
      linkReason: link?.reason ?? null,
      response: accepted,
    }, !link);
    if (!inserted) return null;
    await this.outbox.publish(m, link ? this.linkedEvent(input, accepted, repeatCount, link.reason, actor) : this.receivedEvent(input, accepted, actor));
    return accepted;
  }

  private async findRepeat(
    m: EntityManager,
    input: AlertInput,
    typeCode: string,
    traits: { phone: string | null; buildingKey: string | null; lat: number | null; lng: number | null; gridCode: string | null },
  ): Promise<{ incidentId: string; firstAlertId: string; reason: LinkReason } | null> {
    const box = traits.lat !== null && traits.lng !== null ? boundingBox(traits.lat, traits.lng, this.config.repeatRadiusMetres) : null;
    if (!traits.phone && !traits.buildingKey && !box) return null; // nothing to recognise a repeat by
    const typeCodes = relatedTypeCodes(typeCode);
    // Two calls about one matter arriving together must not both open an incident: lock what they
    // could share (phone, building, grid for nearby points), per dispute family.
    const family = typeCodes.slice().sort()[0];
    await this.repo.lock(m, [
      ...(traits.phone ? [`intake:phone:${traits.phone}:${family}`] : []),
      ...(traits.buildingKey ? [`intake:building:${traits.buildingKey}:${family}`] : []),
      ...(box ? [`intake:grid:${traits.gridCode ?? 'none'}:${family}`] : []),
    ]);
    const since = new Date(Date.parse(input.reportedAt) - this.config.repeatWindowMinutes[input.channel] * 60_000);
    const candidates = await this.repo.repeatCandidates(m, { typeCodes, since, phone: traits.phone, buildingKey: traits.buildingKey, box });
    const match = matchRepeat(traits, candidates, this.config.repeatRadiusMetres);
    return match ? { incidentId: match.candidate.incidentId, firstAlertId: match.candidate.firstAlertId, reason: match.reason } : null;
  }

  private receivedEvent(input: AlertInput, a: AlertAccepted, actor: EventActor) {
    const data: AlertReceivedV1 = {
      alertId: a.alertId,
      incidentId: a.incidentId,
      channel: input.channel,
      externalId: input.externalId,
      reportedAt: input.reportedAt,
      typeCode: a.typeCode,
      typeConfidence: a.typeConfidence,
      needsTriage: a.needsTriage,
      gridCode: a.gridCode,
      policeGridCode: a.policeGridCode,
      communityCode: a.communityCode,
      description: input.description,
    };
    return createEvent(AlertReceived.subject, data, { actor });
  }

  private linkedEvent(input: AlertInput, a: AlertAccepted, repeatCount: number, reason: LinkReason, actor: EventActor) {
    const data: AlertLinkedV1 = { alertId: a.alertId, incidentId: a.incidentId, linkedTo: a.linkedTo!, channel: input.channel, typeCode: a.typeCode!, repeatCount, reason };
    return createEvent(AlertLinked.subject, data, { actor });
  }
}
