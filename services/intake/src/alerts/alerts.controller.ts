import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventActor } from '@jingwang/contracts';
import { DomainError } from '@jingwang/http';
import { CHANNEL_KEYS, STAFF_CHANNELS, type ChannelKeys } from '../channels/channel-keys.ts';
import { AlertIntakeService } from './alert-intake.service.ts';
import { AlertQueriesService } from './alert-queries.service.ts';
import type { AlertAccepted } from './alert.types.ts';
import { CreateAlertDto } from './create-alert.dto.ts';
import { ListAlertsQuery } from './list-alerts.query.ts';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('REQUEST.INVALID', 'id: must be a UUID', 400, [{ field: 'id', problems: ['must be a UUID'] }]) });

@ApiTags('alerts')
@Controller('v1')
export class AlertsController {
  constructor(
    @Inject(AlertIntakeService) private readonly intake: AlertIntakeService,
    @Inject(AlertQueriesService) private readonly queries: AlertQueriesService,
    @Inject(CHANNEL_KEYS) private readonly keys: ChannelKeys,
  ) {}

  @Post('alerts')
  @HttpCode(202)
  @ApiOperation({ summary: 'Report an alert from any channel (idempotent per channel + externalId)' })
  @ApiHeader({ name: 'X-Channel-Key', required: true, description: "The channel's key (the staff key for walk-in, transfer, grid-sweep)" })
  @ApiHeader({ name: 'X-Actor-Id', required: false, description: 'Staff channels: who entered the alert' })
  async create(@Body() body: CreateAlertDto, @Headers('x-channel-key') key?: string, @Headers('x-actor-id') actorId?: string): Promise<AlertAccepted> {
    this.keys.check(body.channel, key);
    return this.intake.receive(body, actorFor(body.channel, actorId));
  }

  @Get('alerts/:id')
  alert(@Param('id', uuid) id: string) {
    return this.queries.alert(id);
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Alerts, newest first, with cursor pagination' })
  list(@Query() query: ListAlertsQuery) {
    return this.queries.page(query);
  }

  @Get('incidents/:id')
  @ApiOperation({ summary: 'An incident with every alert linked to it' })
  incident(@Param('id', uuid) id: string) {
    return this.queries.incident(id);
  }
}

function actorFor(channel: CreateAlertDto['channel'], actorId: string | undefined): EventActor {
  if (!STAFF_CHANNELS.includes(channel)) return { kind: 'channel', id: channel };
  if (!actorId || !/^[\w.@:-]{1,128}$/.test(actorId)) {
    throw new DomainError('AUTH.MISSING_ACTOR', `X-Actor-Id is required for channel ${channel}: the staff member who entered the alert`, 400, [{ field: 'X-Actor-Id', problems: ['required for staff channels'] }]);
  }
  return { kind: 'user', id: actorId, role: channel };
}
