import { Inject, Module, type DynamicModule, type INestApplication, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { ROOT_NAMESPACE, type BusNamespace } from '@jingwang/contracts';
import { connectNats } from './nats-connection.ts';
import { JetStreamServer, type JetStreamServerOptions } from './jetstream.server.ts';
import { OutboxPublisher } from './outbox.publisher.ts';
import { OutboxRelay, type OutboxRelayOptions } from './outbox.relay.ts';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const BUS_NAMESPACE = Symbol('BUS_NAMESPACE');
const RELAY_ENABLED = Symbol('RELAY_ENABLED');

export interface MessagingModuleOptions {
  service: string;
  natsUrl: string | string[];
  ns?: BusNamespace;
  /** `enabled: false` leaves events in the outbox (tests; a deployment with a separate relay). */
  relay?: Partial<Omit<OutboxRelayOptions, 'service' | 'dataSource' | 'nc' | 'ns'>> & { enabled?: boolean };
}

class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(RELAY_ENABLED) private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (this.enabled) this.relay.start();
  }

  // Runs after Nest closed the transports, so in-flight handlers have settled by now.
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

/** One NATS connection, the outbox publisher and its relay for a service. */
@Module({})
export class MessagingModule {
  static forService(options: MessagingModuleOptions): DynamicModule {
    const ns = options.ns ?? ROOT_NAMESPACE;
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: BUS_NAMESPACE, useValue: ns },
        { provide: RELAY_ENABLED, useValue: options.relay?.enabled ?? process.env.JW_OUTBOX_RELAY !== 'off' },
        { provide: NATS_CONNECTION, useFactory: () => connectNats({ servers: options.natsUrl, name: options.service }) },
        { provide: OutboxPublisher, useValue: new OutboxPublisher(options.service) },
        {
          provide: OutboxRelay,
          inject: [DataSource, NATS_CONNECTION],
          useFactory: (dataSource: DataSource, nc: NatsConnection) => new OutboxRelay({ ...options.relay, service: options.service, dataSource, nc, ns }),
        },
        MessagingLifecycle,
      ],
      exports: [NATS_CONNECTION, BUS_NAMESPACE, OutboxPublisher, OutboxRelay],
    };
  }
}

/** Attaches the JetStream transport to an app built with MessagingModule and PersistenceModule. */
export function connectJetStream(app: INestApplication, options: Pick<JetStreamServerOptions, 'service'> & Partial<JetStreamServerOptions>): JetStreamServer {
  const strategy = new JetStreamServer({
    nc: app.get<NatsConnection>(NATS_CONNECTION),
    dataSource: app.get(DataSource),
    ns: app.get<BusNamespace>(BUS_NAMESPACE),
    ...options,
  });
  // The app's global filter must pass RPC errors through unchanged (as HttpErrorFilter does):
  // filters registered here would come too late, the hybrid app is initialised already.
  app.connectMicroservice<MicroserviceOptions>({ strategy }, { inheritAppConfig: true });
  return strategy;
}
