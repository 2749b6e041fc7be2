import type { AssigneeV1, LaneName } from '@jingwang/contracts';
import type { DutyNow } from '../roster/duty.model.ts';
import type { StaffDirectory, StaffMember } from '../staff/staff.model.ts';
import { ruleFor, type RoutingRules } from './routing-rules.ts';

export interface RoutingInput {
  readonly lane: LaneName;
  readonly typeCode: string;
  readonly priority: number;
  readonly gridCode: string | null;
  readonly policeGridCode: string | null;
  readonly communityCode: string | null;
}

/** Open assignments per staff code and per squad; the planner adds its own picks, so one batch spreads its work. */
export interface Loads {
  readonly staff: Map<string, number>;
  readonly units: Map<string, number>;
}

export interface AssignmentPlan {
  readonly ruleId: string;
  /** Why these people, in words a commander reads (Chinese and English). */
  readonly reason: string;
  readonly unitCode: string | null;
  readonly assignees: AssigneeV1[];
}

/** Officers a case-team squad sends out together. */
const SQUAD_PAIR = 2;

const loadOf = (map: Map<string, number>, code: string) => map.get(code) ?? 0;
const person = (m: StaffMember, part: string): AssigneeV1 => ({ code: m.code, name: m.name, part });

/** Least loaded first, then by code, so the same state always gives the same answer. */
function leastLoaded<T extends { code: string }>(candidates: readonly T[], map: Map<string, number>): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (!best || loadOf(map, c.code) < loadOf(map, best.code) || (loadOf(map, c.code) === loadOf(map, best.code) && c.code < best.code)) best = c;
  }
  return best;
}

/**
 * Who goes to an incident, by the first matching rule of the table, and why. Never answers "no
 * one": when nobody fits the rule's wish (everyone off duty), it says so in the reason and sends
 * the nearest fit, because an unassigned incident is worse than a tired officer.
 */
export function planAssignment(input: RoutingInput, rules: RoutingRules, staff: StaffDirectory, duty: DutyNow, loads: Loads, exclude: ReadonlySet<string> = new Set()): AssignmentPlan {
  const rule = ruleFor(rules, input.lane, input.typeCode, input.priority);
  const available = (m: StaffMember | undefined): boolean => !!m && duty.isOnDuty(m.code) && !exclude.has(m.code);
  const reasons: string[] = [`rule ${rule.id} (${rule.nameZh} / ${rule.nameEn})`];
  const assignees: AssigneeV1[] = [];
  let unitCode: string | null = null;

  if (rule.strategy === 'case-team-unit') {
    const squads = staff.squads.map((s) => ({ code: s.code, squad: s, onDuty: staff.officersOfSquad(s.code).filter(available) }));
    const onDuty = squads.filter((s) => s.onDuty.length > 0 && !exclude.has(s.code));
    const free = onDuty.filter((s) => loadOf(loads.units, s.code) === 0);
    const pick = leastLoaded(free, loads.units) ?? leastLoaded(onDuty, loads.units) ?? leastLoaded(squads.filter((s) => !exclude.has(s.code)), loads.units) ?? leastLoaded(squads, loads.units);
    if (pick) {
      unitCode = pick.code;
      const load = loadOf(loads.units, pick.code);
      reasons.push(
        pick.onDuty.length === 0
          ? `无中队在岗，派负荷最少的 ${pick.squad.nameZh} / no squad on duty: ${pick.squad.nameEn}, the least loaded`
          : free.includes(pick)
            ? `${pick.squad.nameZh} 在岗且空闲 / ${pick.squad.nameEn} on duty and free`
            : `${pick.squad.nameZh} 在岗，负荷最少（${load} 起）/ ${pick.squad.nameEn} on duty, least loaded (${load} open)`,
      );
      const officers = pick.onDuty.length ? [...pick.onDuty] : [...staff.officersOfSquad(pick.code)];
      officers.sort((a, b) => loadOf(loads.staff, a.code) - loadOf(loads.staff, b.code) || a.code.localeCompare(b.code));
      for (const [i, m] of officers.slice(0, SQUAD_PAIR).entries()) {
        assignees.push(person(m, i === 0 ? 'lead' : 'case-officer'));
        loads.staff.set(m.code, loadOf(loads.staff, m.code) + 1);
      }
      loads.units.set(pick.code, load + 1);
    } else {
      reasons.push('staff file has no squads / 人员文件无中队');
    }
  } else {
    const chief = input.policeGridCode ? staff.policeGridChief(input.policeGridCode) : undefined;
    let officer: StaffMember | undefined;
    if (chief && available(chief)) {
      officer = chief;
      reasons.push(`警格长 ${chief.name} 在岗 / police-grid chief on duty`);
    } else {
      const sameCommunity = input.communityCode ? staff.communityOfficers(input.communityCode).filter(available) : [];
      officer = leastLoaded(sameCommunity, loads.staff);
      if (officer) {
        reasons.push(`${chief ? `警格长 ${chief.name} 不在岗` : '无警格长'}，派本社区在岗民警 ${officer.name} / ${chief ? 'police-grid chief off duty' : 'no police-grid chief'}: on-duty officer of the same community`);
      } else {
        officer = leastLoaded(staff.allCommunityOfficers().filter(available), loads.staff);
        if (officer) reasons.push(`本社区无在岗民警，派其他社区在岗民警 ${officer.name} / no officer of the community on duty: an on-duty officer of another community`);
        else {
          officer = chief ?? leastLoaded(staff.allCommunityOfficers(), loads.staff);
          if (officer) reasons.push(`无在岗社区民警，仍派 ${officer.name} / no community officer on duty: ${officer.name} sent anyway`);
        }
      }
    }
    if (officer) {
      assignees.push(person(officer, officer === chief ? 'police-grid-chief' : 'community-officer'));
      loads.staff.set(officer.code, loadOf(loads.staff, officer.code) + 1);
    }
    if (input.gridCode) {
      const gridChief = staff.gridChief(input.gridCode);
      const gridStaff = [gridChief, ...staff.gridWorkers(input.gridCode)].filter((m): m is StaffMember => available(m));
      // The grid chief unless a grid worker has less on hand.
      const pick = gridStaff.reduce<StaffMember | undefined>((best, m) => (!best || loadOf(loads.staff, m.code) < loadOf(loads.staff, best.code) ? m : best), undefined);
      if (pick) {
        assignees.push(person(pick, pick === gridChief ? 'grid-chief' : 'grid-worker'));
        loads.staff.set(pick.code, loadOf(loads.staff, pick.code) + 1);
        reasons.push(`${pick === gridChief ? '网格长' : '网格员'} ${pick.name} / ${pick === gridChief ? 'grid chief' : 'grid worker'} of grid ${input.gridCode}`);
      } else {
        reasons.push(`网格 ${input.gridCode} 无在岗网格人员 / nobody of grid ${input.gridCode} available`);
      }
    }
  }

  if (rule.with110Car) {
    const crew = duty.carCrew.map((c) => staff.byCode(c)).filter((m): m is StaffMember => !!m && !assignees.some((a) => a.code === m.code));
    for (const m of crew) {
      assignees.push(person(m, '110-car'));
      loads.staff.set(m.code, loadOf(loads.staff, m.code) + 1);
    }
    reasons.push(crew.length ? `一级警情，110 巡逻车同时出警 / priority 1: the 110 car crew goes too` : '一级警情，但本班无 110 车组 / priority 1, but no 110 car crew this shift');
  }
  if (!duty.rostered) reasons.push('本班未排班，全员视为在岗 / no roster for this shift: everyone taken as on duty');
  return { ruleId: rule.id, reason: reasons.join('; '), unitCode, assignees };
}
