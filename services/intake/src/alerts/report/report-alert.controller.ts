import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventActor } from '@jingwang/contracts';
import { CHANNEL_KEYS, STAFF_CHANNELS, type ChannelKeys } from '../../channels/channel-keys.service.ts';
import { IntakeErrors } from '../../intake.errors.ts';
import type { AlertAccepted } from '../alert.types.ts';
import { AlertIntakeService } from './alert-intake.service.ts';
import { CreateAlertDto } from './create-alert.dto.ts';

@ApiTags('alerts')
@Controller('v1')
export class ReportAlertController {
  constructor(
    @Inject(AlertIntakeService) private readonly intake: AlertIntakeService,
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
}

function actorFor(channel: CreateAlertDto['channel'], actorId: string | undefined): EventActor {
  if (!STAFF_CHANNELS.includes(channel)) return { kind: 'channel', id: channel };
  if (!actorId || !/^[\w.@:-]{1,128}$/.test(actorId)) throw IntakeErrors.missingActor(channel);
  return { kind: 'user', id: actorId, role: channel };
}
