import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { allContracts, createEvent, EventEnvelope, fastValidator } from '@jingwang/contracts';
import { arrayInPlaceOfItem, compareWithClassValidator, variantsOf } from './validator-agreement.ts';

const uuid = () => crypto.randomUUID();
/** A valid payload of every contract; a new contract without one fails the first test. */
const PAYLOADS: Record<string, Record<string, unknown>> = {
  'intake.alert.received.v1': {
    alertId: uuid(),
    incidentId: uuid(),
    channel: '110',
    externalId: '110-20261128-0001',
    reportedAt: '2026-11-28T09:30:00+08:00',
    typeCode: 'CM-NOISE',
    typeConfidence: 0.9,
    needsTriage: false,
    gridCode: 'JM-G001',
    policeGridCode: null,
    communityCode: 'JM-C01',
    description: '楼上装修噪音很大',
  },
  'intake.alert.linked.v1': { alertId: uuid(), incidentId: uuid(), linkedTo: uuid(), channel: 'nuannan', typeCode: 'CM-NOISE', repeatCount: 2, reason: 'same-building' },
  'dispatch.incident.resolved.v1': { incidentId: uuid(), resolvedAt: '2026-11-28T10:00:00Z', outcome: 'mediated', resolution: 'resolved-on-site', resolvedOnSite: true, typeCode: 'CM-NOISE', lane: 'community' },
  'dispatch.incident.assigned.v1': {
    incidentId: uuid(), alertId: uuid(), lane: 'community', typeCode: 'CM-NOISE', priority: 3, gridCode: 'JM-G001', unitCode: null,
    assignees: [{ code: 'JM-P001', name: '马军洋', part: 'police-grid-chief' }, { code: 'JM-P037', name: '张伟', part: 'grid-chief' }],
    ruleId: 'community-1+1+N', reason: 'rule community-1+1+N', deadlines: { acceptBy: '2026-11-28T10:05:00Z', arriveBy: '2026-11-28T10:20:00Z', resolveBy: '2026-11-29T10:00:00Z' },
    cause: 'new', receivedAt: '2026-11-28T10:00:00Z', assignedAt: '2026-11-28T10:00:00.050Z',
  },
  'dispatch.incident.triage-required.v1': { incidentId: uuid(), alertId: uuid(), reasons: ['untyped'], description: '有点事', receivedAt: '2026-11-28T10:00:00Z' },
  'dispatch.incident.status-changed.v1': { incidentId: uuid(), from: 'on-scene', to: 'resolved', transition: 'resolved', lane: 'community', resolution: 'resolved-on-site', note: '已和解', actorId: 'JM-P001', changedAt: '2026-11-28T10:30:00Z' },
  'dispatch.incident.escalated.v1': { incidentId: uuid(), reason: 'repeat-call', previousPriority: 3, priority: 2, repeatCount: 1, alertId: uuid(), notify: ['JM-P001'], escalatedAt: '2026-11-28T10:10:00Z' },
  'dispatch.incident.retyped.v1': { incidentId: uuid(), alertId: uuid(), description: '楼上漏水', from: null, to: 'CM-WATER-LEAK', by: 'JM-DR02' },
  'dispatch.incident.sla-breached.v1': { incidentId: uuid(), kind: 'accept', dueAt: '2026-11-28T10:05:00Z', detectedAt: '2026-11-28T10:05:10Z', lane: 'community', typeCode: 'CM-NOISE', assignees: ['JM-P001'], escalatedTo: 'JM-DR01' },
  'dispatch.dispute.referred.v1': {
    incidentId: uuid(), alertId: uuid(), typeCode: 'CM-WATER-LEAK', disputeFamily: 'neighbour',
    parties: [{ name: '刘先生', phone: '13800138000', role: '楼下住户' }, { name: '楼上住户' }],
    place: { gridCode: 'JM-G001', policeGridCode: 'JM-PG01', communityCode: 'JM-C01', address: '金门路12号' },
    description: '楼上漏水', repeatCount: 2, history: [{ at: '2026-11-28T10:00:00Z', what: 'assigned', actorId: 'dispatch', note: 'rule' }],
    referredBy: 'JM-P001', referredAt: '2026-11-28T11:00:00Z',
  },
};

describe('fastValidator agrees with class-validator', () => {
  it.each(allContracts().map((c) => [c.subject, c] as const))('%s: envelope and payload, strict and tolerant', (subject, contract) => {
    const payload = PAYLOADS[subject];
    expect(payload).toBeDefined();
    const envelope = createEvent(subject, payload, { actor: { kind: 'channel', id: '110' } }) as unknown as Record<string, unknown>;
    for (const whitelist of [true, false]) {
      const data = compareWithClassValidator(contract.payload, variantsOf(payload), { whitelist });
      const env = compareWithClassValidator(EventEnvelope, variantsOf(envelope), { whitelist });
      for (const r of [data, env]) {
        expect(r.unsound).toEqual([]);
        // It must also say yes where it should, or it saves nothing: every variant class-validator accepts.
        expect(r.fastValid).toBe(r.valid);
        expect(r.valid).toBeGreaterThan(5);
        expect(r.checked - r.valid).toBeGreaterThan(50);
      }
    }
  });

  it('gives no fast validator to a class it cannot mirror', () => {
    class WithTransform {
      @Transform(({ value }) => String(value).trim())
      @IsString()
      name!: string;
    }
    class WithDefault {
      @IsOptional()
      @IsInt()
      limit: number = 50;
    }
    class NestedWithoutType {
      @ValidateNested()
      inner!: object;
    }
    class Plain {
      name!: string;
    }
    class WithDateType {
      @Type(() => Date)
      @IsOptional()
      at?: Date;
    }
    for (const cls of [WithTransform, WithDefault, NestedWithoutType, Plain, WithDateType]) expect(fastValidator(cls, { whitelist: true })).toBeNull();
  });

  it('gives none to a class nested in a cycle with one it cannot mirror, whichever is asked for first', () => {
    class Parent {
      @IsOptional()
      @ValidateNested()
      @Type(() => Child)
      child?: object;

      @Transform(({ value }) => value)
      @IsString()
      name!: string;
    }
    class Child {
      @IsOptional()
      @ValidateNested()
      @Type(() => Parent)
      parent?: Parent;
    }
    expect(fastValidator(Parent, { whitelist: true })).toBeNull();
    expect(fastValidator(Child, { whitelist: true })).toBeNull();
  });

  it('follows @Type into nested classes, arrays of them included, and refuses what is not a plain object', () => {
    class Item {
      @IsString()
      name!: string;
    }
    class Order {
      @ValidateNested({ each: true })
      @Type(() => Item)
      items!: Item[];

      @IsOptional()
      @ValidateNested()
      @Type(() => Item)
      main?: Item;
    }
    const r = compareWithClassValidator(Order, variantsOf({ items: [{ name: 'a' }, { name: 'b' }], main: { name: 'c' } }), { whitelist: true });
    expect(r.unsound).toEqual([]);
    expect(r.missed.length).toBeGreaterThan(0);
    expect(r.missed.filter((v) => !arrayInPlaceOfItem(v))).toEqual([]);
    const check = fastValidator(Order, { whitelist: true })!;
    expect(check({ items: [{ name: 'a', extra: 1 }] })).toBe(false);
    expect(check(new Map())).toBe(false);
    expect(check({ items: [new Date()] })).toBe(false);
  });
});
