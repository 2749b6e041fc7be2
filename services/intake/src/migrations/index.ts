import { MESSAGING_MIGRATIONS } from '@jingwang/persistence';
import { IntakeTables1764310000000 } from './intake-tables.migration.ts';

/** In order; `npm run migrate -- intake` applies the pending ones. */
export const migrations = [...MESSAGING_MIGRATIONS, IntakeTables1764310000000];
