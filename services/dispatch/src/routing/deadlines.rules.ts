import { getAlertType, PRIORITY_SLA, type Priority } from '@jingwang/alert-catalog';
import type { DeadlinesV1 } from '@jingwang/contracts';

const MINUTE = 60_000;

/**
 * Accept and arrive follow the incident's priority (a repeat call that raised it shortens them) and
 * run from this assignment: people sent anew get their own time to accept and to get there.
 * Resolve follows the type and runs from when intake received the call, so that reassigning or
 * transferring an incident never buys it more time.
 */
export function deadlinesFor(typeCode: string, priority: number, assignedAt: Date, receivedAt: string): DeadlinesV1 {
  const type = getAlertType(typeCode);
  const sla = PRIORITY_SLA[priority as Priority] ?? PRIORITY_SLA[3];
  const resolveHours = type?.sla.resolveHours ?? 24;
  const at = assignedAt.getTime();
  return {
    acceptBy: new Date(at + sla.acceptMinutes * MINUTE).toISOString(),
    arriveBy: new Date(at + sla.arriveMinutes * MINUTE).toISOString(),
    resolveBy: new Date(Date.parse(receivedAt) + resolveHours * 60 * MINUTE).toISOString(),
  };
}
