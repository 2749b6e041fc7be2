import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntakeErrors } from '../../intake.errors.ts';
import type { AlertView } from '../alert.types.ts';
import { AlertReadRepository, type AlertFilter } from './alert-read.repository.ts';
import { decodeCursor, encodeCursor, type ListAlertsQuery } from './list-alerts.query.ts';

/** Reads: one alert, a page of alerts, alerts by filter (Open311). */
@Injectable()
export class AlertQueriesService {
  private readonly repo = new AlertReadRepository();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async alert(id: string): Promise<AlertView> {
    const [view] = await this.repo.find(this.db.manager, { ids: [id], limit: 1 });
    if (!view) throw IntakeErrors.alertNotFound(id);
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
}
