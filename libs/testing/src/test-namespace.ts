import { randomBytes } from 'node:crypto';
import type { BusNamespace } from '@jingwang/contracts';

export const natsTestUrl = (): string => process.env.TEST_NATS_URL ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** Own subjects (`t<hex>.intake.…`) and streams (`T<HEX>_INTAKE`) for one test file. */
export function createTestNamespace(): BusNamespace {
  return { prefix: `t${randomBytes(4).toString('hex')}` };
}
