import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { assertServiceName } from './identifiers.ts';

export interface ServiceDataSourceOptions {
  service: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  poolSize?: number;
}

/**
 * A service's TypeORM data source: its own schema (search_path too, so raw SQL stays in it),
 * its own migrations table inside that schema, never `synchronize`.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const schema = assertServiceName(options.service);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    applicationName: schema,
    extra: { max: options.poolSize ?? 10, options: `-c search_path=${schema}` },
  });
}
