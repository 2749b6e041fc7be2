import type { QueryRunner } from 'typeorm';

/** The schema of the service whose migrations `q` runs. */
export const schemaOf = (q: QueryRunner): string => String((q.connection.options as { schema?: string }).schema);
