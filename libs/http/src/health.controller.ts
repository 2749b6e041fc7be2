import { Controller, Get, Header, Inject, Logger, Optional, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { NATS_CONNECTION } from '@jingwang/messaging';
import { errorBody } from './domain.error.ts';
import { HTTP_ERRORS } from './http.errors.ts';

/** What readiness waits for; provide it in the service's module to change the defaults. */
export const READINESS_OPTIONS = Symbol('READINESS_OPTIONS');

export interface ReadinessOptions {
  /**
   * Whether a NATS outage makes the service unready. Default false: a producer keeps taking work
   * while NATS is away (its outbox holds the events), and an unready pod gets no traffic. A
   * service that cannot do its job without NATS (one that only relays, say) sets it.
   */
  natsRequired?: boolean;
  /** A check that has not answered after this long counts as unavailable (default 1000 ms: Kubernetes' probe timeout is 1 s). */
  checkTimeoutMs?: number;
  /** Retry-After of a 503 (default 5 s). */
  retryAfterSeconds?: number;
}

type CheckState = 'ok' | 'unavailable';

/**
 * Liveness, readiness and Prometheus metrics, on every service. Readiness says whether the
 * service can do its job: Postgres gates it; NATS is reported and gates only when required. The
 * body names each check `ok` or `unavailable` and nothing else (no host, port or error text: the
 * endpoint is open); why a check failed goes to the log, once per change.
 */
@ApiExcludeController()
@Controller()
export class HealthController {
  private readonly log = new Logger('health');
  private readonly last = new Map<string, CheckState>();

  constructor(
    @Optional() @Inject(DataSource) private readonly db?: DataSource,
    @Optional() @Inject(NATS_CONNECTION) private readonly nc?: NatsConnection,
    @Optional() @Inject(READINESS_OPTIONS) private readonly options: ReadinessOptions = {},
  ) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, nats] = await Promise.all([
      this.db ? this.check('postgres', () => this.db!.query('SELECT 1')) : undefined,
      // rtt() fails at once while the client is disconnected, where flush() would wait for the reconnect.
      this.nc ? this.check('nats', () => this.nc!.rtt()) : undefined,
    ]);
    const checks = { ...(postgres && { postgres }), ...(nats && { nats }) };
    const gating = [postgres, this.options.natsRequired ? nats : undefined];
    if (!gating.includes('unavailable')) return { status: 'ok', checks };
    const after = this.options.retryAfterSeconds ?? 5;
    const down = Object.entries(checks).filter(([, s]) => s === 'unavailable').map(([name]) => name);
    void reply.status(503).header('retry-after', String(after));
    return { status: 'unavailable', checks, ...errorBody(HTTP_ERRORS.UNAVAILABLE, `not ready: ${down.join(', ')} unavailable; retry after ${after} s`) };
  }

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }

  private async check(name: string, probe: () => Promise<unknown>): Promise<CheckState> {
    let timer: NodeJS.Timeout | undefined;
    const limitMs = this.options.checkTimeoutMs ?? 1000;
    let state: CheckState;
    let reason = '';
    try {
      await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${limitMs} ms`)), limitMs)))]);
      state = 'ok';
    } catch (err) {
      state = 'unavailable';
      reason = (err as Error).message;
    } finally {
      clearTimeout(timer);
    }
    if (this.last.get(name) !== state) {
      if (state === 'ok' && this.last.has(name)) this.log.log(`readiness: ${name} ok again`);
      if (state === 'unavailable') this.log.warn(`readiness: ${name} unavailable (${reason})`);
      this.last.set(name, state);
    }
    return state;
  }
}
