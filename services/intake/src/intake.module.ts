import { Module, type DynamicModule } from '@nestjs/common';
import type { BusNamespace } from '@jingwang/contracts';
import { loadDistrict, type District } from '@jingwang/district';
import { HealthController } from '@jingwang/http';
import { MessagingModule } from '@jingwang/messaging';
import { PersistenceModule } from '@jingwang/persistence';
import { AlertQueriesService } from './alerts/read/alert-queries.service.ts';
import { AlertsReadController } from './alerts/read/alerts-read.controller.ts';
import { AlertIntakeService, DISTRICT } from './alerts/report/alert-intake.service.ts';
import { ReportAlertController } from './alerts/report/report-alert.controller.ts';
import { ChannelAlertHandler } from './channels/channel-alert.handler.ts';
import { CHANNEL_KEYS, ChannelKeys } from './channels/channel-keys.service.ts';
import { IncidentRetypedHandler } from './classifier/incident-retyped.handler.ts';
import { LearningClassifier } from './classifier/learning-classifier.service.ts';
import { IncidentResolvedHandler } from './incidents/incident-resolved.handler.ts';
import { IncidentsController } from './incidents/incidents.controller.ts';
import { INTAKE_CONFIG, loadIntakeConfig, type IntakeConfig } from './intake.config.ts';
import { IncidentStatusChangedHandler } from './open311/incident-status-changed.handler.ts';
import { Open311Controller } from './open311/open311.controller.ts';

export interface IntakeOptions {
  databaseUrl: string;
  natsUrl: string | string[];
  ns?: BusNamespace;
  config?: IntakeConfig;
  channelKeys?: ChannelKeys;
  district?: District;
  /** Tests turn the relay off to leave events in the outbox. */
  relay?: boolean;
}

@Module({})
export class IntakeModule {
  static forRoot(o: IntakeOptions): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        PersistenceModule.forService({ service: 'intake', url: o.databaseUrl, poolSize: 20 }),
        MessagingModule.forService({ service: 'intake', natsUrl: o.natsUrl, ns: o.ns, relay: o.relay === undefined ? undefined : { enabled: o.relay } }),
      ],
      controllers: [ReportAlertController, AlertsReadController, IncidentsController, Open311Controller, ChannelAlertHandler, IncidentResolvedHandler, IncidentStatusChangedHandler, IncidentRetypedHandler, HealthController],
      providers: [
        LearningClassifier,
        AlertIntakeService,
        AlertQueriesService,
        { provide: INTAKE_CONFIG, useValue: o.config ?? loadIntakeConfig() },
        { provide: CHANNEL_KEYS, useValue: o.channelKeys ?? ChannelKeys.fromEnv() },
        { provide: DISTRICT, useValue: o.district ?? loadDistrict() },
      ],
    };
  }
}
