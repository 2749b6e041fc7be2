import { MessagingTables1764300000000 } from '@jingwang/persistence';
import { IntakeTables1764310000000 } from './intake-tables.migration.ts';

/** In order; `npm run migrate -- intake` applies the pending ones. */
export const migrations = [MessagingTables1764300000000, IntakeTables1764310000000];
