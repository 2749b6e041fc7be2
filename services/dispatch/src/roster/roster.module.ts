import { Global, Module } from '@nestjs/common';
import { StaffController } from '../staff/staff.controller.ts';
import { DUTY_ROSTER } from './duty.model.ts';
import { DutyRosterService } from './duty-roster.service.ts';
import { RosterController } from './roster.controller.ts';
import { RosterService } from './roster.service.ts';

/** The duty roster: generation, manual changes and leave (audited), who is on duty (DUTY_ROSTER), and GET /v1/staff. */
@Global()
@Module({
  controllers: [RosterController, StaffController],
  providers: [DutyRosterService, { provide: DUTY_ROSTER, useExisting: DutyRosterService }, RosterService],
  exports: [DUTY_ROSTER],
})
export class RosterModule {}
