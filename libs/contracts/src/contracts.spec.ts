import { readFileSync } from 'node:fs';
import {
  allContracts,
  CONSUMERS,
  contractSchemas,
  createEvent,
  durableName,
  eventSubject,
  parseSubject,
  servicePort,
  streamFor,
  streamName,
  unwireSubject,
  validateEvent,
  wireSubject,
} from './index.ts';

const resolved = () => createEvent('dispatch.incident.resolved.v1', { incidentId: crypto.randomUUID(), resolvedAt: new Date().toISOString() });

describe('subjects', () => {
  it('builds and parses <service>.<aggregate>.<fact>.v<N>', () => {
    expect(eventSubject({ service: 'intake', aggregate: 'alert', fact: 'received', version: 1 })).toBe('intake.alert.received.v1');
    expect(parseSubject('mediation.dispute.escalated.v2')).toEqual({ service: 'mediation', aggregate: 'dispute', fact: 'escalated', version: 2 });
  });

  it.each(['intake.alert.received', 'Intake.alert.received.v1', 'intake.alert.received.v0', 'a.b.c.d.v1', 'intake..received.v1'])('rejects %s', (s) => {
    expect(parseSubject(s)).toBeNull();
  });
});

describe('createEvent', () => {
  it('derives the producer from the subject and starts a correlation', () => {
    const e = resolved();
    expect(e.producer).toBe('dispatch');
    expect(e.correlationId).toBe(e.id);
    expect(e.causationId).toBeNull();
    expect(validateEvent(e, 'strict')).toEqual({ ok: true, event: expect.anything() });
  });

  it('inherits the correlation of its cause', () => {
    const cause = resolved();
    const next = createEvent('dispatch.incident.resolved.v1', cause.data, { cause });
    expect(next.correlationId).toBe(cause.correlationId);
    expect(next.causationId).toBe(cause.id);
  });
});

describe('validateEvent', () => {
  it('names every problem of the envelope and the payload', () => {
    const bad = { ...resolved(), id: 'nope', occurredAt: 'yesterday', data: { incidentId: 'x' } };
    const check = validateEvent(bad);
    expect(check.ok).toBe(false);
    const problems = check.ok ? [] : check.problems;
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^id: /), expect.stringMatching(/^occurredAt: /), expect.stringMatching(/^data\.incidentId: /), expect.stringMatching(/^data\.resolvedAt: /)]),
    );
  });

  it('rejects a type without a contract, and what is not an object', () => {
    const check = validateEvent({ ...resolved(), type: 'nobody.thing.happened.v1' });
    expect(check.ok ? [] : check.problems).toContain('type: no contract is registered for "nobody.thing.happened.v1"');
    expect(validateEvent('[]')).toEqual({ ok: false, problems: ['event: must be a JSON object'] });
  });

  it('tolerates unknown payload fields for consumers, not for producers', () => {
    const e = resolved();
    const newer = { ...e, data: { ...e.data, addedLater: true } };
    expect(validateEvent(newer, 'tolerant').ok).toBe(true);
    expect(validateEvent(newer, 'strict').ok).toBe(false);
  });
});

describe('topology', () => {
  it('has a stream for every contract and every consumer', () => {
    for (const c of allContracts()) expect(() => streamFor(c.subject)).not.toThrow();
    for (const c of CONSUMERS) expect(() => streamFor(c.subject)).not.toThrow();
    expect(streamFor('channel.110.alert').name).toBe('CHANNELS');
    expect(streamFor('dlq.intake.x.y.z.v1').name).toBe('DLQ');
  });

  it('names durables without the characters NATS forbids', () => {
    expect(durableName('intake', 'channel.*.alert')).toBe('intake__channel_any_alert');
  });

  it('puts a namespace in front of subjects and streams, and takes it off again', () => {
    const ns = { prefix: 't1a2b' };
    expect(wireSubject(ns, 'intake.alert.received.v1')).toBe('t1a2b.intake.alert.received.v1');
    expect(unwireSubject(ns, 't1a2b.intake.alert.received.v1')).toBe('intake.alert.received.v1');
    expect(streamName(ns, 'INTAKE')).toBe('T1A2B_INTAKE');
    expect(streamName({ prefix: '' }, 'INTAKE')).toBe('INTAKE');
  });
});

describe('JSON Schemas', () => {
  it('exist for every contract and the generated docs are current (npm run contracts:schemas)', () => {
    for (const s of contractSchemas()) {
      const file = new URL(`../../../docs/generated/contracts/${s.subject}.schema.json`, import.meta.url);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(s.schema);
      expect(s.schema.required).toBeDefined();
    }
  });
});

describe('servicePort', () => {
  it('uses the fixed default, then PORT, then <SERVICE>_PORT', () => {
    expect(servicePort('intake', {})).toBe(3001);
    expect(servicePort('gateway', {})).toBe(8080);
    expect(servicePort('intake', { PORT: '4000' })).toBe(4000);
    expect(servicePort('intake', { PORT: '4000', INTAKE_PORT: '4001' })).toBe(4001);
    expect(() => servicePort('intake', { INTAKE_PORT: 'http' })).toThrow('INTAKE_PORT must be a port number');
  });
});
