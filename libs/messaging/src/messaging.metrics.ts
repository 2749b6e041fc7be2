import { Counter, Histogram } from 'prom-client';

const labelNames = ['service', 'subject'] as const;

export const messagingMetrics = {
  handled: new Counter({ name: 'jw_messages_handled_total', help: 'Messages handled and acked', labelNames }),
  duplicates: new Counter({ name: 'jw_messages_duplicate_total', help: 'Redeliveries skipped by the inbox', labelNames }),
  retried: new Counter({ name: 'jw_messages_retried_total', help: 'Handler failures answered with a delayed nak', labelNames }),
  deadLettered: new Counter({ name: 'jw_messages_dead_lettered_total', help: 'Messages copied to the DLQ stream', labelNames }),
  handleSeconds: new Histogram({
    name: 'jw_message_handle_seconds',
    help: 'Handler time including its transaction',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
  }),
  outboxPublished: new Counter({ name: 'jw_outbox_published_total', help: 'Outbox rows published to JetStream', labelNames: ['service'] }),
  outboxMarks: new Counter({ name: 'jw_outbox_marks_total', help: 'Statements that marked published outbox rows sent (deleted them)', labelNames: ['service'] }),
  outboxFailures: new Counter({ name: 'jw_outbox_publish_failures_total', help: 'Outbox publish attempts that failed', labelNames: ['service'] }),
};
