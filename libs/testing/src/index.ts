export * from './test-database.ts';
export * from './test-namespace.ts';
export * from './nats-server.process.ts';
export * from './wait-for.ts';
export * from './bench.util.ts';
export * from './validator-agreement.ts';
export * from './start-service.ts';
export * from './postgres.process.ts';
