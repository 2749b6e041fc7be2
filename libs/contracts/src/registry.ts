import { EVENT_SUBJECT } from './subject.ts';

export type PayloadClass<T extends object = object> = new () => T;

export interface EventContract<T extends object = object> {
  subject: string;
  payload: PayloadClass<T>;
  description: string;
}

const contracts = new Map<string, EventContract>();

/** Registers the payload class of one subject; each producer declares its contracts in events/. */
export function defineContract<T extends object>(subject: string, payload: PayloadClass<T>, description: string): EventContract<T> {
  if (!EVENT_SUBJECT.test(subject)) throw new Error(`"${subject}" is not a valid event subject`);
  const existing = contracts.get(subject);
  if (existing && existing.payload !== payload) throw new Error(`contract ${subject} is defined twice`);
  const contract = { subject, payload, description };
  contracts.set(subject, contract as EventContract);
  return contract;
}

export function contractFor(subject: string): EventContract | undefined {
  return contracts.get(subject);
}

export function allContracts(): EventContract[] {
  return [...contracts.values()].sort((a, b) => a.subject.localeCompare(b.subject));
}
