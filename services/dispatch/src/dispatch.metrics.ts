import { Gauge, Histogram } from 'prom-client';
import type { DataSource } from 'typeorm';

/** The data source the open-incidents gauge reads (the latest app of this process: tests start several). */
let source: DataSource | null = null;

export const dispatchMetrics = {
  receivedToAssigned: new Histogram({
    name: 'jw_dispatch_received_to_assigned_seconds',
    help: 'From intake receiving the first alert to dispatch assigning the incident',
    labelNames: ['lane'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30],
  }),
  openIncidents: new Gauge({
    name: 'jw_dispatch_open_incidents',
    help: 'Incidents not yet resolved, by lane (triage: not yet typed or located)',
    labelNames: ['lane'],
    async collect() {
      if (!source?.isInitialized) return;
      const rows = (await source.query(`SELECT coalesce(lane, 'triage') AS lane, count(*)::int AS n FROM dispatch.incidents WHERE status <> 'resolved' GROUP BY 1`)) as { lane: string; n: number }[];
      this.reset();
      for (const lane of ['case-team', 'community', 'triage']) this.set({ lane }, rows.find((r) => r.lane === lane)?.n ?? 0);
    },
  }),
};

export function countOpenIncidentsIn(dataSource: DataSource): void {
  source = dataSource;
}
