import { getAlertType, PRIORITY_SLA, type Priority } from '@jingwang/alert-catalog';
import type { DeadlinesV1 } from '@jingwang/contracts';

const MINUTE = 60_000;

/**
 * Accept and arrive deadlines follow the incident's priority (a repeat call that raised it
 * shortens them), resolve follows its type; all counted from the assignment.
 */
export function deadlinesFor(typeCode: string, priority: number, assignedAt: Date): DeadlinesV1 {
  const type = getAlertType(typeCode);
  const sla = PRIORITY_SLA[priority as Priority] ?? type?.sla;
  const resolveHours = type?.sla.resolveHours ?? 24;
  const at = assignedAt.getTime();
  return {
    acceptBy: new Date(at + sla!.acceptMinutes * MINUTE).toISOString(),
    arriveBy: new Date(at + sla!.arriveMinutes * MINUTE).toISOString(),
    resolveBy: new Date(at + resolveHours * 60 * MINUTE).toISOString(),
  };
}
