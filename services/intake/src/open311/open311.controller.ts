import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from '@jingwang/http';
import { AlertQueriesService } from '../alerts/read/alert-queries.service.ts';
import { AlertIntakeService } from '../alerts/report/alert-intake.service.ts';
import { CHANNEL_KEYS, type ChannelKeys } from '../channels/channel-keys.service.ts';
import { createdRequest, render, serviceDefinition, serviceList, toServiceRequest, type Format, type Open311Error, type Root } from './open311.format.ts';
import { parseFormat, parsePostRequest, parseRequestQuery } from './open311.request-parser.ts';

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

/**
 * Open311 GeoReport v2 for the 12345 hotline and any city system that speaks it: the 63 types as
 * services, and alerts as service requests, in JSON and in XML (the specification's mandatory format).
 */
@ApiExcludeController()
@Controller('open311/v2')
export class Open311Controller {
  constructor(
    @Inject(AlertIntakeService) private readonly intake: AlertIntakeService,
    @Inject(AlertQueriesService) private readonly queries: AlertQueriesService,
    @Inject(CHANNEL_KEYS) private readonly keys: ChannelKeys,
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
        const views = await this.queries.find({ ids: f.ids, typeCodes: f.serviceCodes, status: f.status ? [f.status] : undefined, reportedSince: f.start, reportedUntil: f.end, limit: 1000 });
        return ['service_requests', views.map((v) => toServiceRequest(v, new Date(), { locale }))];
      }
      if (resource.startsWith('requests/')) {
        const id = resource.slice('requests/'.length);
        if (!UUID.test(id)) throw new Open311Failure(404, [{ code: 404, description: `service_request_id ${id} not found` }]);
        return ['service_requests', [toServiceRequest(await this.queries.alert(id), new Date(), { locale })]];
      }
      throw new Open311Failure(404, [{ code: 404, description: `no such resource ${resource}; see services and requests` }]);
    });
  }

  @Post('*')
  post(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.answer(req, reply, async (resource) => {
      if (resource !== 'requests') throw new Open311Failure(404, [{ code: 404, description: 'POST only to requests.json or requests.xml' }]);
      const parsed = parsePostRequest((req.body ?? {}) as Record<string, unknown>);
      if (!parsed.ok) throw new Open311Failure(parsed.status, parsed.errors);
      this.keys.check('12345', parsed.apiKey);
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
  // The spec answers a wrong api_key with 403; ours says 401 when it is missing.
  return new Open311Failure(status, [{ code: status, description: `${body.error.code}: ${body.error.message}` }], headers);
}

const send = (reply: FastifyReply, status: number, r: { contentType: string; body: string }, headers: Record<string, string> = {}) =>
  void reply.status(status).headers(headers).type(r.contentType).send(r.body);
