import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AlertReadRepository } from '../alerts/read/alert-read.repository.ts';
import { IntakeErrors } from '../intake.errors.ts';
import { uuidParam } from '../uuid-param.pipe.ts';
import { IncidentRepository } from './incident.repository.ts';

@ApiTags('incidents')
@Controller('v1')
export class IncidentsController {
  private readonly incidents = new IncidentRepository();
  private readonly alerts = new AlertReadRepository();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Get('incidents/:id')
  @ApiOperation({ summary: 'An incident with every alert linked to it' })
  async incident(@Param('id', uuidParam) id: string) {
    const row = await this.incidents.incident(this.db.manager, id);
    if (!row) throw IntakeErrors.incidentNotFound(id);
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
      alerts: await this.alerts.ofIncident(this.db.manager, id),
    };
  }
}
