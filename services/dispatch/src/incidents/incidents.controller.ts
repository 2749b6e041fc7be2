import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DispatchErrors } from '../dispatch.errors.ts';
import { Actor, StaffCall } from '../staff-call.guard.ts';
import { ReassignDto, RetypeDto, TransitionDto, TriageDto } from './lifecycle/incident-actions.dto.ts';
import { IncidentLifecycle } from './lifecycle/incident-lifecycle.service.ts';
import { IncidentQueries, viewOf } from './read/incident-queries.service.ts';
import { ListIncidentsQuery } from './read/list-incidents.query.ts';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => DispatchErrors.invalidId() });

@ApiTags('incidents')
@StaffCall()
@Controller('v1')
export class IncidentsController {
  constructor(
    @Inject(IncidentQueries) private readonly queries: IncidentQueries,
    @Inject(IncidentLifecycle) private readonly lifecycle: IncidentLifecycle,
  ) {}

  @Get('incidents')
  @ApiOperation({ summary: 'Incidents, newest first, by lane, status, grid or assignee; cursor pages' })
  list(@Query() q: ListIncidentsQuery) {
    return this.queries.page(q);
  }

  @Get('incidents/:id')
  @ApiOperation({ summary: 'One incident with its timeline (every change: who, when, why) and SLA breaches' })
  one(@Param('id', uuid) id: string) {
    return this.queries.one(id);
  }

  @Post('incidents/:id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'accepted -> en-route -> on-scene -> resolved (with a resolution), or transferred to the other lane; 409 lists what is allowed' })
  async transition(@Param('id', uuid) id: string, @Body() body: TransitionDto, @Actor() actor: string) {
    return viewOf(await this.lifecycle.transition(id, body, actor));
  }

  @Post('incidents/:id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send others: the named staff, or whom routing picks besides those on it now' })
  async reassign(@Param('id', uuid) id: string, @Body() body: ReassignDto, @Actor() actor: string) {
    return viewOf(await this.lifecycle.reassign(id, body, actor));
  }

  @Post('incidents/:id/triage')
  @HttpCode(200)
  @ApiOperation({ summary: 'A call-taker sets type and grid of an incident in triage; routing runs' })
  async triage(@Param('id', uuid) id: string, @Body() body: TriageDto, @Actor() actor: string) {
    return viewOf(await this.lifecycle.triage(id, body, actor));
  }

  @Post('incidents/:id/retype')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct the type (intake learns from it); routed again when the lane changes' })
  async retype(@Param('id', uuid) id: string, @Body() body: RetypeDto, @Actor() actor: string) {
    return viewOf(await this.lifecycle.retype(id, body, actor));
  }

  @Get('triage')
  @ApiOperation({ summary: 'The triage queue: incidents waiting for type or place, oldest first' })
  triageQueue() {
    return this.queries.triageQueue();
  }

  @Get('board')
  @ApiOperation({ summary: 'Open incidents by lane and status with their SLA countdowns' })
  board() {
    return this.queries.board();
  }
}
