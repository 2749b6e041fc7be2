import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNamespace } from '@jingwang/contracts';

export const natsTestUrl = (): string => process.env.TEST_NATS_URL ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * Own subjects (`t<minute>x<hex>.intake.…`) and streams (`T<MINUTE>X<HEX>_INTAKE`) for one test
 * file. The creation minute in the name lets `sweepStaleTestStreams` remove what a killed run left.
 */
export function createTestNamespace(): BusNamespace {
  return { prefix: `t${Math.floor(Date.now() / 60_000).toString(36)}x${randomBytes(3).toString('hex')}` };
}

const TEST_STREAM = /^T([0-9A-Z]+)X[0-9A-F]{6}_/;

/**
 * Deletes test streams older than `maxAgeMinutes`: a test run that was killed never cleaned up,
 * and every stream keeps its storage reserved on the shared server.
 */
export async function sweepStaleTestStreams(nc: NatsConnection, maxAgeMinutes = 120): Promise<string[]> {
  const jsm = await jetstreamManager(nc);
  const now = Math.floor(Date.now() / 60_000);
  const stale: string[] = [];
  for await (const name of jsm.streams.names()) {
    const m = TEST_STREAM.exec(name);
    if (m && now - parseInt(m[1], 36) > maxAgeMinutes) stale.push(name);
  }
  for (const name of stale) await jsm.streams.delete(name).catch(() => undefined);
  return stale;
}
