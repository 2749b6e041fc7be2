import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EventEnvelope } from './envelope.ts';
import { fastValidator } from './fast-validator.ts';
import { contractFor } from './registry.ts';

export type EventCheck<T extends object> =
  | { ok: true; event: EventEnvelope<T> }
  | { ok: false; problems: string[] };

/**
 * `strict` (producers, tests): unknown fields are errors. `tolerant` (consumers): unknown fields
 * are allowed, because a producer may add fields within a version before its consumers know them.
 */
export type ValidationMode = 'strict' | 'tolerant';

export function validateEvent<T extends object = object>(raw: unknown, mode: ValidationMode = 'tolerant'): EventCheck<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ['event: must be a JSON object'] };
  }
  // Most events are valid: the fast validators show it without class-validator's per-call cost.
  if (conformsToContract(raw, mode)) return { ok: true, event: raw as EventEnvelope<T> };
  const strict = mode === 'strict';
  const options = { whitelist: strict, forbidNonWhitelisted: strict, forbidUnknownValues: true };
  const envelope = plainToInstance(EventEnvelope, raw) as EventEnvelope<T>;
  const problems = flatten(validateSync(envelope, { ...options, skipMissingProperties: false }));
  const type = (raw as { type?: unknown }).type;
  const contract = typeof type === 'string' ? contractFor(type) : undefined;
  if (typeof type === 'string' && !contract) problems.push(`type: no contract is registered for "${type}"`);
  const data = (raw as { data?: unknown }).data;
  if (contract && typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const payload = plainToInstance(contract.payload, data);
    problems.push(...flatten(validateSync(payload, options), 'data'));
    envelope.data = payload as T;
  }
  return problems.length ? { ok: false, problems } : { ok: true, event: envelope };
}

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * `true` when `validateEvent(raw, mode)` would find nothing, shown by the fast validators of the
 * envelope and the payload; `false` when not shown: then `validateEvent` decides and words why.
 */
function conformsToContract(raw: unknown, mode: ValidationMode = 'tolerant'): boolean {
  const type = (raw as { type?: unknown } | null)?.type;
  const contract = typeof type === 'string' ? contractFor(type) : undefined;
  if (!contract) return false;
  const whitelist = mode === 'strict';
  const envelope = fastValidator(EventEnvelope, { whitelist });
  const payload = fastValidator(contract.payload, { whitelist });
  return !!envelope && !!payload && envelope(raw) && payload((raw as { data: unknown }).data);
}
