import { MessagingTables1764300000000 } from './messaging-tables.migration.ts';
import { OutboxWithoutNotifyTrigger1764300000001 } from './outbox-notify-trigger.migration.ts';
import { OutboxEnvelopeText1764300000002 } from './outbox-envelope-text.migration.ts';
import { OutboxDeleteSent1764300000003 } from './outbox-delete-sent.migration.ts';

export { OutboxDeleteSent1764300000003 };
export { OutboxNotifyFunctionDropped1764310000007 } from './outbox-notify-function.migration.ts';

/**
 * Intake's outbox and inbox as they grew, in the order its databases ran them (a new service
 * takes MESSAGING_MIGRATIONS from libs/persistence instead: the same tables in one migration;
 * OutboxNotifyFunctionDropped, later in intake's list, makes them equal).
 */
export const INTAKE_MESSAGING_MIGRATIONS = [
  MessagingTables1764300000000,
  OutboxWithoutNotifyTrigger1764300000001,
  OutboxEnvelopeText1764300000002,
  OutboxDeleteSent1764300000003,
];
