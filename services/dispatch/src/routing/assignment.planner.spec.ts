import { alertTypes, getAlertType } from '@jingwang/alert-catalog';
import { loadDistrict } from '@jingwang/district';
import type { DutyNow } from '../roster/duty.model.ts';
import { loadStaffFile } from '../staff/staff-file.loader.ts';
import { planAssignment, type Loads, type RoutingInput } from './assignment.planner.ts';
import { loadRoutingRules, validateRules } from './routing-rules.ts';

const district = loadDistrict();
const staff = loadStaffFile(null, district).directory;
const rules = loadRoutingRules(null);

const everyone: DutyNow = { day: '2026-12-03', shift: 'day', rostered: true, isOnDuty: () => true, carCrew: ['JM-CT013', 'JM-P002'], dutyCommander: 'JM-DR01' };
const dutyWithout = (off: Set<string>): DutyNow => ({ ...everyone, isOnDuty: (c) => !off.has(c) });
const noLoads = (): Loads => ({ staff: new Map(), units: new Map() });

function inputFor(typeCode: string, gridCode: string | null = district.grids[0].code): RoutingInput {
  const type = getAlertType(typeCode)!;
  const place = gridCode ? district.locationOfGrid(gridCode)! : null;
  return { lane: type.lane, typeCode, priority: type.priority, gridCode, policeGridCode: place?.policeGrid.code ?? null, communityCode: place?.community.code ?? null };
}

describe('planAssignment', () => {
  it.each(alertTypes.map((t) => [t.code, t.lane, t.priority] as const))('%s goes to the %s lane (priority %i) as its rule says', (code, lane, priority) => {
    const plan = planAssignment(inputFor(code), rules, staff, everyone, noLoads());
    if (lane === 'case-team') {
      expect(plan.unitCode).toMatch(/^JM-SQ0\d$/);
      expect(plan.assignees[0].part).toBe('lead');
      expect(staff.byCode(plan.assignees[0].code)!.role).toBe('case-officer');
      expect(plan.ruleId).toBe(priority === 1 ? 'case-team-priority-1' : 'case-team');
      expect(plan.assignees.some((a) => a.part === '110-car')).toBe(priority === 1);
    } else {
      expect(plan.ruleId).toBe('community-1+1+N');
      expect(plan.unitCode).toBeNull();
      expect(plan.assignees.map((a) => a.part)).toEqual(['police-grid-chief', 'grid-chief']);
    }
  });

  it.each(district.grids.map((g) => [g.code, g.policeGridCode] as const))('grid %s: its police-grid chief and its grid chief or a grid worker', (gridCode, policeGridCode) => {
    const loads = noLoads();
    const grid = district.byGridCode(gridCode)!;
    const chief = district.byPoliceGridCode(policeGridCode)!.chiefCode;
    const first = planAssignment(inputFor('CM-NOISE', gridCode), rules, staff, everyone, loads);
    expect(first.assignees.map((a) => [a.code, a.part])).toEqual([[chief, 'police-grid-chief'], [grid.chiefCode, 'grid-chief']]);
    // The grid chief has one now: the next goes to a grid worker of the same grid, if it has one.
    const second = planAssignment(inputFor('CM-NOISE', gridCode), rules, staff, everyone, loads);
    if (grid.workerCodes.length) expect(grid.workerCodes).toContain(second.assignees[1].code);
    expect(second.assignees[0].code).toBe(chief);
  });

  it('police-grid chief off duty: an on-duty community officer of the same community, then of any community', () => {
    const grid = district.grids[0];
    const place = district.locationOfGrid(grid.code)!;
    const chief = place.policeGrid.chiefCode;
    const sameCommunity = staff.communityOfficers(place.community.code).map((m) => m.code);
    const plan = planAssignment(inputFor('CM-NOISE', grid.code), rules, staff, dutyWithout(new Set([chief])), noLoads());
    expect(plan.assignees[0].part).toBe('community-officer');
    expect(sameCommunity.filter((c) => c !== chief)).toContain(plan.assignees[0].code);
    expect(plan.reason).toContain('police-grid chief off duty');

    const wholeCommunityOff = dutyWithout(new Set(sameCommunity));
    const other = planAssignment(inputFor('CM-NOISE', grid.code), rules, staff, wholeCommunityOff, noLoads());
    expect(staff.byCode(other.assignees[0].code)!.communityCode).not.toBe(place.community.code);
    expect(other.reason).toContain('another community');

    const nobody = dutyWithout(new Set(staff.allCommunityOfficers().map((m) => m.code)));
    const anyway = planAssignment(inputFor('CM-NOISE', grid.code), rules, staff, nobody, noLoads());
    expect(anyway.assignees[0].code).toBe(chief);
    expect(anyway.reason).toContain('sent anyway');
  });

  it('case team: a free squad first, then the least loaded; a squad with nobody on duty only when none is', () => {
    const loads: Loads = { staff: new Map(), units: new Map([['JM-SQ01', 3], ['JM-SQ02', 0], ['JM-SQ03', 1]]) };
    expect(planAssignment(inputFor('CT-THEFT'), rules, staff, everyone, loads).unitCode).toBe('JM-SQ02');
    expect(planAssignment(inputFor('CT-THEFT'), rules, staff, everyone, loads).unitCode).toBe('JM-SQ02'); // none free now: SQ02 and SQ03 tie on 1, SQ02 first by code
    const sq2Off = dutyWithout(new Set(staff.officersOfSquad('JM-SQ02').map((m) => m.code)));
    expect(planAssignment(inputFor('CT-THEFT'), rules, staff, sq2Off, loads).unitCode).toBe('JM-SQ03');
    const allOff = dutyWithout(new Set(staff.byRole('case-officer').map((m) => m.code)));
    const plan = planAssignment(inputFor('CT-THEFT'), rules, staff, allOff, noLoads());
    expect(plan.reason).toContain('no squad on duty');
    expect(plan.unitCode).not.toBeNull();
  });

  it('priority 1 sends the on-duty 110 car crew too, once each', () => {
    const p1 = alertTypes.find((t) => t.lane === 'case-team' && t.priority === 1)!;
    const plan = planAssignment(inputFor(p1.code), rules, staff, everyone, noLoads());
    expect(plan.assignees.filter((a) => a.part === '110-car').map((a) => a.code).sort()).toEqual(['JM-CT013', 'JM-P002']);
  });

  it('says when no roster was made for the shift', () => {
    expect(planAssignment(inputFor('CM-NOISE'), rules, staff, { ...everyone, rostered: false }, noLoads()).reason).toContain('no roster for this shift');
  });
});

describe('routing rules', () => {
  it('bundled rules are valid, and a bad table names each problem', () => {
    expect(rules.rules.length).toBeGreaterThan(0);
    const problems = validateRules({ schemaVersion: 2, version: '', rules: [{ id: 'X!', lane: 'sea', strategy: 'boat', with110Car: 'yes', typeCodes: ['NOPE'], priorities: [9] }] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('schemaVersion'), expect.stringContaining('version'), expect.stringContaining('rules[0].id'), expect.stringContaining('rules[0].lane'),
        expect.stringContaining('rules[0].strategy'), expect.stringContaining('rules[0].with110Car'), expect.stringContaining('"NOPE"'), expect.stringContaining('rules[0].priorities'),
        expect.stringContaining('lane case-team needs a last rule'), expect.stringContaining('lane community needs a last rule'),
      ]),
    );
  });
});
