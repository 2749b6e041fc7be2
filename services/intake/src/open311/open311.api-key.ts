// The api_key of Open311 writes: the 12345 hotline's channel key, sent as a form or JSON field.
// Checked before the body is validated, so that a caller without the key learns nothing else.
import { DomainError } from '@jingwang/http';
import type { ChannelKeys } from '../channels/channel-keys.service.ts';
import { IntakeErrors } from '../intake.errors.ts';

/** Open311 reaches the station through the 12345 government service hotline. */
export const OPEN311_CHANNEL = '12345';

/** 401 without api_key, 403 with a wrong one (the spec's code), each naming api_key. */
export function checkApiKey(keys: ChannelKeys, body: Record<string, unknown>): void {
  const raw = body.api_key;
  // A repeated field is never the key: a client sends one.
  if (Array.isArray(raw)) throw IntakeErrors.invalidApiKey();
  const key = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : undefined;
  if (!key) throw IntakeErrors.missingApiKey();
  try {
    keys.check(OPEN311_CHANNEL, key);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'AUTH.INVALID_CHANNEL_KEY') throw IntakeErrors.invalidApiKey();
    throw err;
  }
}
