import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, type PipeTransform } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, StaffCall } from '../staff-call.guard.ts';
import { checkRange, GenerateRosterDto, LeaveDto, ReplaceDayDto, RosterRangeQuery } from './roster.dto.ts';
import { RosterErrors } from './roster.errors.ts';
import { RosterService } from './roster.service.ts';
import { isDay } from './roster.time.ts';


/** `:date` in the path: a calendar date, else a 400 naming it. */
const dayParam: PipeTransform<string, string> = {
  transform: (value) => {
    if (!isDay(value)) throw RosterErrors.invalidDay('date');
    return value;
  },
};

@ApiTags('roster')
@StaffCall()
@Controller('v1/roster')
export class RosterController {
  constructor(@Inject(RosterService) private readonly roster: RosterService) {}

  @Post('generate')
  @ApiOperation({
    summary: 'Generate the roster of `days` days from `from`: the 110 car in strict rotation, the night minimum and the day staffing, with rest and leave kept',
    description: 'Continues every rotation from the roster stored before `from` and replaces the days it covers. Posts it could not fill are listed in `gaps`.',
  })
  generate(@Body() body: GenerateRosterDto, @Actor() actor: string) {
    return this.roster.generate(body.from, body.days, body.reason ?? '生成排班 / roster generated', actor);
  }

  @Get()
  @ApiOperation({ summary: 'The roster of the days from..to (at most 92): every shift, every post with who is on it, leave, and car shifts per person' })
  read(@Query() q: RosterRangeQuery) {
    checkRange(q.from, q.to);
    return this.roster.read(q.from, q.to);
  }

  @Get('changes')
  @ApiOperation({ summary: 'The audit trail: every generation, manual change and leave touching the days from..to, newest first' })
  changes(@Query() q: RosterRangeQuery) {
    checkRange(q.from, q.to);
    return this.roster.changes(q.from, q.to);
  }

  @Put(':date')
  @ApiOperation({ summary: "Replace a day's roster by hand (reason required); rest and car-crew problems come back as warnings" })
  replaceDay(@Param('date', dayParam) date: string, @Body() body: ReplaceDayDto, @Actor() actor: string) {
    return this.roster.replaceDay(date, body.shifts, body.reason, actor);
  }

  @Post('leave')
  @ApiOperation({ summary: 'Put someone on leave from..to: they come off the roster of those days (removedFromRoster lists the posts to fill)' })
  addLeave(@Body() body: LeaveDto, @Actor() actor: string) {
    checkRange(body.from, body.to);
    return this.roster.addLeave(body.staffCode, body.from, body.to, body.reason, actor);
  }

  @Delete('leave')
  @HttpCode(200)
  @ApiOperation({ summary: "Cancel someone's leave days from..to (the roster is not changed: generate or PUT the days again)" })
  cancelLeave(@Body() body: LeaveDto, @Actor() actor: string) {
    checkRange(body.from, body.to);
    return this.roster.cancelLeave(body.staffCode, body.from, body.to, body.reason, actor);
  }
}

