import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@jingwang/http';
import { AlertRepository, type AlertFilter } from './alert.repository.ts';
import type { AlertView } from './alert.types.ts';
import { decodeCursor, encodeCursor, type ListAlertsQuery } from './list-alerts.query.ts';

/** Reads: one alert, a page of alerts, an incident with all its alerts. */
@Injectable()
export class AlertQueriesService {
  private readonly repo = new AlertRepository();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async alert(id: string): Promise<AlertView> {
    const [view] = await this.repo.find(this.db.manager, { ids: [id], limit: 1 });
    if (!view) throw new DomainError('INTAKE.ALERT_NOT_FOUND', `no alert ${id}`, 404);
    return view;
  }

  async page(q: ListAlertsQuery): Promise<{ items: AlertView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const items = await this.repo.find(this.db.manager, {
      channel: q.channel,
      gridCode: q.gridCode,
      since: q.since,
      until: q.until,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: limit + 1,
    });
    const more = items.length > limit;
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return { items: page, nextCursor: more && last ? encodeCursor(last.receivedAt, last.alertId) : null };
  }

  find(filter: AlertFilter): Promise<AlertView[]> {
    return this.repo.find(this.db.manager, filter);
  }

  async incident(id: string) {
    const row = await this.repo.incident(this.db.manager, id);
    if (!row) throw new DomainError('INTAKE.INCIDENT_NOT_FOUND', `no incident ${id}`, 404);
    return {
      incidentId: row.id,
      status: row.status,
      typeCode: row.type_code,
      firstAlertId: row.first_alert_id,
      openedAt: new Date(row.opened_at).toISOString(),
      lastAlertAt: new Date(row.last_alert_at).toISOString(),
      repeatCount: row.repeat_count,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      resolution: row.resolution,
      alerts: await this.repo.ofIncident(this.db.manager, id),
    };
  }
}
