import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { JetStreamContext, OnEvent } from '@jingwang/messaging';
import { AlertIntakeService } from '../alerts/report/alert-intake.service.ts';
import { parseAlertBody } from '../alerts/report/create-alert.dto.ts';
import { IntakeErrors } from '../intake.errors.ts';

/** Alerts from systems on the bus (`channel.<channel>.alert`), through the same door as HTTP. */
@Controller()
export class ChannelAlertHandler {
  constructor(@Inject(AlertIntakeService) private readonly intake: AlertIntakeService) {}

  @OnEvent('channel.*.alert')
  async fromChannel(@Payload() body: unknown, @Ctx() ctx: JetStreamContext): Promise<void> {
    const channel = ctx.subject.split('.')[1];
    const input = parseAlertBody(body); // a DomainError: dead letter with the reason, at once
    if (input.channel !== channel) throw IntakeErrors.channelMismatch(input.channel, ctx.subject);
    await this.intake.receive(input, { kind: 'channel', id: channel }, ctx.manager);
  }
}
