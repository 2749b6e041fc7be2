import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { toErrorResponse } from '@jingwang/http';
import { AlertQueriesService } from '../alerts/read/alert-queries.service.ts';
import { AlertIntakeService } from '../alerts/report/alert-intake.service.ts';
import { CHANNEL_KEYS, type ChannelKeys } from '../channels/channel-keys.service.ts';
import { INTAKE_CONFIG, type IntakeConfig } from '../intake.config.ts';
import { checkApiKey } from './open311.api-key.ts';
import { createdRequest, render, serviceDefinition, serviceList, toRequestUpdate, toServiceRequest, type Format, type Open311Error, type Root } from './open311.format.ts';
import { parseFormat, parsePostRequest, parseRequestQuery } from './open311.request-parser.ts';
import { parsePostUpdate, parseUpdatesQuery, UPDATE_LIMITS } from './open311.updates-parser.ts';
import { RequestUpdatesRepository } from './request-updates.repository.ts';
import { ServiceRequestsRepository } from './service-requests.repository.ts';

const PREFIX = '/open311/v2/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown inside a handler to answer with Open311 errors in the request's format. */
class Open311Failure {
  constructor(
    readonly status: number,
    readonly errors: Open311Error[],
    /** Retry-After with a 503. */
    readonly headers: Record<string, string> = {},
  ) {}
}

const notFound = (id: string) => new Open311Failure(404, [{ code: 404, description: `service_request_id ${id} not found` }]);

/**
 * Open311 GeoReport v2 for the 12345 hotline and any city system that speaks it: the 63 types as
 * services, and alerts as service requests, in JSON and in XML (the specification's mandatory
 * format); and mySociety's servicerequestupdates extension, which FixMyStreet polls, for what the
 * station did about each request and the client's comments on it.
 */
@ApiExcludeController()
@Controller('open311/v2')
export class Open311Controller {
  private readonly requests = new ServiceRequestsRepository();
  private readonly updates = new RequestUpdatesRepository();

  constructor(
    @Inject(AlertIntakeService) private readonly intake: AlertIntakeService,
    @Inject(AlertQueriesService) private readonly queries: AlertQueriesService,
    @Inject(CHANNEL_KEYS) private readonly keys: ChannelKeys,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  @Get('*')
  get(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.answer(req, reply, async (resource) => {
      const query = req.query as Record<string, unknown>;
      const locale = query.locale === 'en' ? 'en' : 'zh';
      if (resource === 'services') return ['services', serviceList(locale)];
      if (resource.startsWith('services/')) {
        const definition = serviceDefinition(decodeURIComponent(resource.slice('services/'.length)));
        if (!definition) throw new Open311Failure(404, [{ code: 404, description: `service_code ${resource.slice(9)} not found; GET services.json lists them` }]);
        return ['service_definition', definition];
      }
      if (resource === 'requests') {
        const parsed = parseRequestQuery(query);
        if (!parsed.ok) throw new Open311Failure(parsed.status, parsed.errors);
        const f = parsed.filter;
        const views = f.ids
          ? await this.requests.byIds(this.db.manager, f.ids)
          : await this.queries.find({ typeCodes: f.serviceCodes, status: f.status ? [f.status] : undefined, reportedSince: f.start, reportedUntil: f.end, limit: 1000 });
        return ['service_requests', views.map((v) => toServiceRequest(v, new Date(), { locale }))];
      }
      if (resource.startsWith('requests/')) {
        const id = resource.slice('requests/'.length);
        const [view] = UUID.test(id) ? await this.requests.byIds(this.db.manager, [id]) : [];
        if (!view) throw notFound(id);
        return ['service_requests', [toServiceRequest(view, new Date(), { locale })]];
      }
      if (resource === 'servicerequestupdates') {
        const parsed = parseUpdatesQuery(query);
        if (!parsed.ok) throw new Open311Failure(parsed.status, parsed.errors);
        const { start, end } = parsed.window;
        const rows = await this.updates.written(this.db.manager, start, end, UPDATE_LIMITS.perAnswer + 1);
        if (rows.length > UPDATE_LIMITS.perAnswer) {
          throw new Open311Failure(400, [{ code: 400, description: `end_date: more than ${UPDATE_LIMITS.perAnswer} updates from start_date to end_date; ask for a shorter span` }]);
        }
        return ['service_request_updates', rows.map((row) => toRequestUpdate(row))];
      }
      throw new Open311Failure(404, [{ code: 404, description: `no such resource ${resource}; see services, requests and servicerequestupdates` }]);
    });
  }

  @Post('*')
  post(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.answer(req, reply, async (resource) => {
      if (resource !== 'requests' && resource !== 'servicerequestupdates') {
        throw new Open311Failure(404, [{ code: 404, description: 'POST only to requests or servicerequestupdates (.json or .xml)' }]);
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      checkApiKey(this.keys, body);
      if (resource === 'servicerequestupdates') {
        const parsed = parsePostUpdate(body);
        if (!parsed.ok) throw new Open311Failure(parsed.status, parsed.errors);
        const { serviceRequestId, ...note } = parsed.update;
        const updateId = UUID.test(serviceRequestId) ? await this.updates.recordClientNote(this.db.manager, { alertId: serviceRequestId.toLowerCase(), ...note }) : undefined;
        if (updateId === undefined) throw notFound(serviceRequestId);
        return ['service_request_updates', [{ update_id: updateId }]];
      }
      const parsed = parsePostRequest(body, { clientIdAttributes: this.config.open311ClientIdAttributes });
      if (!parsed.ok) throw new Open311Failure(parsed.status, parsed.errors);
      const accepted = await this.intake.receive(parsed.input, { kind: 'channel', id: '12345' });
      return ['service_requests', [createdRequest(accepted)]];
    });
  }

  private async answer(req: FastifyRequest, reply: FastifyReply, handle: (resource: string) => Promise<[Root, unknown]>): Promise<void> {
    const suffix = req.url.slice(req.url.indexOf(PREFIX) + PREFIX.length).split('?')[0];
    const format = parseFormat(suffix);
    let fmt: Format = 'xml';
    try {
      if (!format.ok) throw new Open311Failure(format.status, format.errors);
      fmt = format.format;
      const [root, value] = await handle(format.resource);
      send(reply, 200, render(fmt, root, value as never));
    } catch (err) {
      const failure = err instanceof Open311Failure ? err : fromError(err);
      send(reply, failure.status, render(fmt, 'errors', failure.errors), failure.headers);
    }
  }
}

function fromError(err: unknown): Open311Failure {
  const { status, body, headers } = toErrorResponse(err);
  // A wrong api_key is the spec's 403, a missing one our 401; both messages name api_key.
  return new Open311Failure(status, [{ code: status, description: `${body.error.code}: ${body.error.message}` }], headers);
}

const send = (reply: FastifyReply, status: number, r: { contentType: string; body: string }, headers: Record<string, string> = {}) =>
  void reply.status(status).headers(headers).type(r.contentType).send(r.body);
