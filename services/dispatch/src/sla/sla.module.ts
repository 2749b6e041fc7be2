import { Module } from '@nestjs/common';
import { SlaScheduler } from './sla.scheduler.ts';

@Module({ providers: [SlaScheduler], exports: [SlaScheduler] })
export class SlaModule {}
