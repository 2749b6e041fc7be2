import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BusNamespace } from '@jingwang/contracts';
import { loadDistrict } from '@jingwang/district';
import { HealthController } from '@jingwang/http';
import { MessagingModule } from '@jingwang/messaging';
import { PersistenceModule } from '@jingwang/persistence';
import { DISPATCH_CONFIG, loadDispatchConfig, type DispatchConfig } from './dispatch.config.ts';
import { countOpenIncidentsIn } from './dispatch.metrics.ts';
import { DISTRICT } from './district.token.ts';
import { AlertLinkedHandler } from './incidents/intake/alert-linked.handler.ts';
import { AlertReceivedHandler } from './incidents/intake/alert-received.handler.ts';
import { IncidentsController } from './incidents/incidents.controller.ts';
import { IncidentLifecycle } from './incidents/lifecycle/incident-lifecycle.service.ts';
import { IncidentQueries } from './incidents/read/incident-queries.service.ts';
import { RosterModule } from './roster/roster.module.ts';
import { IncidentRouter } from './routing/incident.router.ts';
import { loadRoutingRules } from './routing/routing-rules.ts';
import { ROUTING_RULES } from './routing/routing.tokens.ts';
import { SlaModule } from './sla/sla.module.ts';
import { StaffCallGuard } from './staff-call.guard.ts';
import { StaffModule } from './staff/staff.module.ts';

export interface DispatchOptions {
  /** The service's own role (`serviceDatabaseUrl('dispatch')`), never the admin URL. */
  databaseUrl: string;
  natsUrl: string | string[];
  /** Tests run on streams of their own. */
  ns?: BusNamespace;
  /** Default: read from the environment. */
  config?: DispatchConfig;
  /** Tests turn the relay off to leave events in the outbox. */
  relay?: boolean;
}

@Module({})
export class DispatchModule implements OnModuleInit {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(o: DispatchOptions): DynamicModule {
    const config = o.config ?? loadDispatchConfig();
    return {
      module: DispatchModule,
      global: true,
      imports: [
        PersistenceModule.forService({ service: 'dispatch', url: o.databaseUrl, poolSize: config.dbPoolSize }),
        MessagingModule.forService({ service: 'dispatch', natsUrl: o.natsUrl, ns: o.ns, relay: o.relay === undefined ? undefined : { enabled: o.relay } }),
        StaffModule,
        RosterModule,
        SlaModule,
      ],
      controllers: [IncidentsController, AlertReceivedHandler, AlertLinkedHandler, HealthController],
      providers: [
        { provide: DISPATCH_CONFIG, useValue: config },
        { provide: ROUTING_RULES, useValue: loadRoutingRules(config.routingFile) },
        { provide: DISTRICT, useFactory: () => loadDistrict() },
        StaffCallGuard,
        IncidentRouter,
        IncidentLifecycle,
        IncidentQueries,
      ],
      exports: [DISPATCH_CONFIG, DISTRICT, StaffCallGuard],
    };
  }

  onModuleInit(): void {
    countOpenIncidentsIn(this.dataSource);
  }
}
