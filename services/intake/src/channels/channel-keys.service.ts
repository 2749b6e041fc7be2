import { hash, timingSafeEqual } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { CHANNELS, type AlertChannel } from '@jingwang/contracts';
import { IntakeErrors } from '../intake.errors.ts';

/** Channels whose systems call intake themselves; the rest are typed in by staff through the console. */
export const MACHINE_CHANNELS: readonly AlertChannel[] = ['110', '12345', 'nuannan', 'mediation-platform'];
export const STAFF_CHANNELS: readonly AlertChannel[] = ['walk-in', 'transfer', 'grid-sweep'];
/** The key the console (through the gateway) uses for the staff channels. */
export const STAFF_KEY = 'staff';

export const CHANNEL_KEYS = Symbol('CHANNEL_KEYS');

/** One-shot `hash`: a `createHash` object per request cost more than the rest of the key check. */
const sha256 = (s: string) => hash('sha256', s, 'buffer');

/** More than the key names there are: room for every configured key. */
const MAX_VERIFIED = 16;

/** Keys from configuration, kept as SHA-256 hashes and compared in constant time. */
export class ChannelKeys {
  private readonly hashes = new Map<string, Buffer>();
  /**
   * Keys already shown right, to the key name they matched: hashing every request's key was 2 % of
   * intake's thread. Only a key that matched is kept (the configured keys are in this process's
   * environment anyway), and only a few, so wrong keys cannot grow it.
   */
  private readonly verified = new Map<string, string>();

  constructor(keys: Record<string, string>) {
    for (const [name, key] of Object.entries(keys)) this.hashes.set(name, sha256(key));
  }

  /**
   * `INTAKE_CHANNEL_KEYS="110=…,12345=…,nuannan=…,mediation-platform=…,staff=…"`. Without it a
   * development default `local-<name>` is used, and refused when NODE_ENV=production.
   */
  static fromEnv(env: Record<string, string | undefined> = process.env): ChannelKeys {
    const names = [...MACHINE_CHANNELS, STAFF_KEY];
    const raw = env.INTAKE_CHANNEL_KEYS;
    if (!raw) {
      if (env.NODE_ENV === 'production') throw new Error(`INTAKE_CHANNEL_KEYS must be set in production (${names.map((n) => `${n}=<key>`).join(',')})`);
      new Logger('intake').warn(`INTAKE_CHANNEL_KEYS not set: using development keys local-<channel> (${names.join(', ')})`);
      return new ChannelKeys(Object.fromEntries(names.map((n) => [n, `local-${n}`])));
    }
    const keys: Record<string, string> = {};
    for (const part of raw.split(',').filter(Boolean)) {
      const i = part.indexOf('=');
      const name = part.slice(0, i).trim();
      if (i < 1 || !names.includes(name as AlertChannel) || part.slice(i + 1).trim().length < 8) {
        throw new Error(`INTAKE_CHANNEL_KEYS: "${name || part}" must be one of ${names.join(', ')} with a key of at least 8 characters`);
      }
      keys[name] = part.slice(i + 1).trim();
    }
    return new ChannelKeys(keys);
  }

  /** Throws 401 without a key and 403 with a wrong one; returns nothing when the key fits. */
  check(channel: AlertChannel, key: string | undefined): void {
    const name = STAFF_CHANNELS.includes(channel) ? STAFF_KEY : channel;
    if (!CHANNELS.includes(channel)) throw IntakeErrors.unknownChannel(channel);
    if (!key) throw IntakeErrors.missingChannelKey(channel, name);
    if (this.verified.get(key) === name) return;
    const expected = this.hashes.get(name);
    if (!expected || !timingSafeEqual(expected, sha256(key))) {
      throw IntakeErrors.invalidChannelKey(name);
    }
    if (this.verified.size < MAX_VERIFIED) this.verified.set(key, name);
  }
}
