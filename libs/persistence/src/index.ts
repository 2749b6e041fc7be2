export * from './identifiers.ts';
export * from './data-source.factory.ts';
export * from './messaging-tables.migration.ts';
export * from './outbox-notify-trigger.migration.ts';
export * from './messaging-migrations.ts';
export * from './service-database.ts';
export * from './migrate.ts';
export * from './persistence.module.ts';
