import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../../uuid-param.pipe.ts';
import { AlertQueriesService } from './alert-queries.service.ts';
import { ListAlertsQuery } from './list-alerts.query.ts';

@ApiTags('alerts')
@Controller('v1')
export class AlertsReadController {
  constructor(@Inject(AlertQueriesService) private readonly queries: AlertQueriesService) {}

  @Get('alerts/:id')
  alert(@Param('id', uuidParam) id: string) {
    return this.queries.alert(id);
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Alerts, newest first, with cursor pagination' })
  list(@Query() query: ListAlertsQuery) {
    return this.queries.page(query);
  }
}
