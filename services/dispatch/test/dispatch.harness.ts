// Dispatch as its tests meet it: the real app on a database and streams of its own (startService),
// with a test staff key; the intake events it consumes, and the staff calls it answers.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import { getAlertType } from '@jingwang/alert-catalog';
import { AlertReceived, wireSubject, type AlertReceivedV1, type EventEnvelope } from '@jingwang/contracts';
import { loadDistrict } from '@jingwang/district';
import { startService, waitFor, type ServiceAppInput, type ServiceHarness } from '@jingwang/testing';
import { createDispatchApp } from '../src/dispatch.app.ts';
import { loadDispatchConfig } from '../src/dispatch.config.ts';
import { migrations } from '../src/migrations/index.ts';

export const STAFF_KEY = 'key-staff-test';
export type DispatchHarness = ServiceHarness<NestFastifyApplication>;
export const district = loadDistrict();

/** `createApp` for the harness: the test staff key, SLA scans only when a test asks (scanNow). */
export function dispatchApp({ env, ...bus }: ServiceAppInput): Promise<NestFastifyApplication> {
  return createDispatchApp({ ...bus, config: loadDispatchConfig({ DISPATCH_STAFF_KEY: STAFF_KEY, DISPATCH_SLA_SCAN_SECONDS: '3600', ...pick(env) }) }, ['error']);
}

/** Only these settings of a run reach the app, so a developer's environment cannot change what tests assert. */
const pick = (env: Record<string, string | undefined>) =>
  Object.fromEntries(['DISPATCH_STAFF_FILE', 'DISPATCH_ROUTING_FILE', 'DISPATCH_SLA_SCAN_SECONDS'].filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));

export const startDispatch = (env: Record<string, string> = {}): Promise<DispatchHarness> => startService({ service: 'dispatch', migrations, createApp: dispatchApp, env });

export interface Reply {
  status: number;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads of JSON answers
}

/** A staff call: the test key, and X-Actor-Id on changes unless `actor` is null. */
export async function call(h: { url: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: { 'x-staff-key': STAFF_KEY, ...(method === 'GET' ? {} : { 'x-actor-id': 'JM-DR02' }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply['body'] };
}

/** intake.alert.received.v1 as intake sends it: typed and located in the first grid unless told otherwise. */
export function received(over: Partial<AlertReceivedV1> & { typeCode?: string | null; gridCode?: string | null } = {}): AlertReceivedV1 {
  const gridCode = over.gridCode === undefined ? district.grids[0].code : over.gridCode;
  const place = gridCode ? district.locationOfGrid(gridCode) : undefined;
  const typeCode = over.typeCode === undefined ? 'CM-NOISE' : over.typeCode;
  return {
    alertId: randomUUID(), incidentId: randomUUID(), channel: '110', externalId: `ext-${randomUUID()}`, reportedAt: new Date().toISOString(),
    typeCode, typeConfidence: typeCode ? 0.9 : 0.2, needsTriage: !typeCode || !gridCode, gridCode,
    policeGridCode: place?.policeGrid.code ?? null, communityCode: place?.community.code ?? null,
    description: typeCode ? `${getAlertType(typeCode)?.nameZh ?? ''}，请处理` : '有点事想问问', ...over,
  };
}

export const receive = (h: DispatchHarness, over: Parameters<typeof received>[0] = {}): Promise<EventEnvelope<AlertReceivedV1>> => h.publish(AlertReceived.subject, received(over));

/** The same envelope once more under another Nats-Msg-Id: a redelivery JetStream cannot drop. */
export async function publishAgain(h: DispatchHarness, event: EventEnvelope): Promise<void> {
  await jetstream(h.nc).publish(wireSubject(h.ns, event.type), JSON.stringify(event), { msgID: randomUUID() });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads of event payloads
type AnyEvent = EventEnvelope<Record<string, any>>;

/** Dispatch's events about one incident, once `until` holds for them. */
export function eventsOf(h: DispatchHarness, incidentId: string, what: string, until: (events: AnyEvent[]) => boolean): Promise<AnyEvent[]> {
  return waitFor(what, async () => {
    const mine: AnyEvent[] = (await h.events()).filter((e) => e.data.incidentId === incidentId);
    return until(mine) ? mine : null;
  });
}

/** The incident once dispatch has it (assigned or in triage). */
export const incidentOnce = (h: DispatchHarness, id: string, status?: string) =>
  waitFor(`incident ${id}${status ? ` ${status}` : ''}`, async () => {
    const r = await call(h, 'GET', `/v1/incidents/${id}`);
    return r.status === 200 && (!status || r.body.status === status) ? r.body : null;
  });
