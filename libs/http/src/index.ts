export * from './domain.error.ts';
export * from './validation.pipe.ts';
export * from './http-error.filter.ts';
export * from './health.controller.ts';
export * from './http-app.factory.ts';
