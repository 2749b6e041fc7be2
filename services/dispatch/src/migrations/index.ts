import { MESSAGING_MIGRATIONS } from '@jingwang/persistence';
import { DispatchTables1796322427535 } from './dispatch-tables.migration.ts';

/** In order, each new one at the end; `npm run migrate -- dispatch` applies the pending ones. */
export const migrations = [...MESSAGING_MIGRATIONS, DispatchTables1796322427535];
