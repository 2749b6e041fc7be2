import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createServiceDataSource, type ServiceDataSourceOptions } from './data-source.factory.ts';

class DataSourceLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  // After the transports closed (Nest disposes them between the destroy and shutdown hooks).
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Provides the service's initialised `DataSource`; migrations are not run here (see migrate). */
@Module({})
export class PersistenceModule {
  static forService(options: ServiceDataSourceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        { provide: DataSource, useFactory: () => createServiceDataSource(options).initialize() },
        DataSourceLifecycle,
      ],
      exports: [DataSource],
    };
  }
}
