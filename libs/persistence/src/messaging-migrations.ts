import { MessagingTables1764300000000 } from './messaging-tables.migration.ts';
import { OutboxWithoutNotifyTrigger1764300000001 } from './outbox-notify-trigger.migration.ts';
import { OutboxEnvelopeText1764300000002 } from './outbox-envelope-text.migration.ts';
import { OutboxDeleteSent1764300000003 } from './outbox-delete-sent.migration.ts';

/** Every service lists these first in its migrations: the outbox and inbox as they are now. */
export const MESSAGING_MIGRATIONS = [MessagingTables1764300000000, OutboxWithoutNotifyTrigger1764300000001, OutboxEnvelopeText1764300000002, OutboxDeleteSent1764300000003];
