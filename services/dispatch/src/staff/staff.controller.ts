import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DutyRosterService } from '../roster/duty-roster.service.ts';
import { ListStaffQuery } from '../roster/roster.dto.ts';
import { STAFF_ROLE_NAMES_EN } from '../roster/roster.labels.ts';
import { StaffCall } from '../staff-call.guard.ts';
import { STAFF_ROLE_NAMES_ZH, type StaffRole } from './staff.model.ts';

interface MemberRow {
  code: string;
  name: string;
  role: StaffRole;
  unitCode: string | null;
  communityCode: string | null;
  policeGridCode: string | null;
  gridCode: string | null;
  eligible110: boolean;
  openAssignments: number;
}

interface SquadRow {
  code: string;
  nameZh: string;
  nameEn: string;
  openAssignments: number;
  officerCodes: string[];
  busyOfficers: number;
}

/** Who can be sent now (or `at`): the active staff with their duty from the roster and their load. */
@ApiTags('staff')
@StaffCall()
@Controller('v1')
export class StaffController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DutyRosterService) private readonly duty: DutyRosterService,
  ) {}

  @Get('staff')
  @ApiOperation({
    summary: 'Staff with onDuty (roster and leave), busy (holding an open assignment) and their posts this shift; the case-team squads with their load',
    description: 'Filters: role, communityCode, policeGridCode, gridCode, onDuty=true|false; `at` answers for another moment than now.',
  })
  async list(@Query() q: ListStaffQuery) {
    const at = q.at ? new Date(q.at) : new Date();
    const [duty, members, squads] = await Promise.all([
      this.duty.dutyAt(at),
      this.db.query(
        `SELECT code, name, role, unit_code AS "unitCode", community_code AS "communityCode", police_grid_code AS "policeGridCode",
                grid_code AS "gridCode", eligible_110 AS "eligible110", open_assignments AS "openAssignments"
           FROM dispatch.staff
          WHERE active AND ($1::text IS NULL OR role = $1) AND ($2::text IS NULL OR community_code = $2)
            AND ($3::text IS NULL OR police_grid_code = $3) AND ($4::text IS NULL OR grid_code = $4)
          ORDER BY code`,
        [q.role ?? null, q.communityCode ?? null, q.policeGridCode ?? null, q.gridCode ?? null],
      ) as Promise<MemberRow[]>,
      this.db.query(
        `SELECT u.code, u.name_zh AS "nameZh", u.name_en AS "nameEn", u.open_assignments AS "openAssignments",
                coalesce(array_agg(s.code ORDER BY s.code) FILTER (WHERE s.code IS NOT NULL), '{}') AS "officerCodes",
                count(*) FILTER (WHERE s.open_assignments > 0)::int AS "busyOfficers"
           FROM dispatch.units u LEFT JOIN dispatch.staff s ON s.unit_code = u.code AND s.active AND s.role = 'case-officer'
          WHERE u.active GROUP BY u.code ORDER BY u.code`,
      ) as Promise<SquadRow[]>,
    ]);
    const people = members.map((m) => ({
      ...m,
      roleZh: STAFF_ROLE_NAMES_ZH[m.role],
      roleEn: STAFF_ROLE_NAMES_EN[m.role],
      onDuty: duty.isOnDuty(m.code),
      onLeave: duty.isOnLeave(m.code),
      posts: duty.postsOf(m.code),
      busy: m.openAssignments > 0,
    }));
    const shown = q.onDuty === undefined ? people : people.filter((p) => p.onDuty === (q.onDuty === 'true'));
    return {
      at: at.toISOString(),
      day: duty.day,
      shift: duty.shift,
      startsAt: duty.startsAt,
      endsAt: duty.endsAt,
      rostered: duty.rostered,
      members: shown,
      // A squad's load: incidents assigned to it, and its officers on duty and busy.
      squads: squads.map(({ officerCodes, ...s }) => ({ ...s, officers: officerCodes.length, onDuty: officerCodes.filter((c) => duty.isOnDuty(c)).length })),
    };
  }
}
