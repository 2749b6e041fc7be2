import { Controller, Get, Header, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NatsConnection } from '@nats-io/transport-node';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { NATS_CONNECTION } from '@jingwang/messaging';

/** Liveness, readiness (its Postgres and NATS answer) and Prometheus metrics, on every service. */
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @HttpCode(200)
  async ready() {
    const checks = { postgres: await this.check(() => this.db.query('SELECT 1')), nats: await this.check(() => this.nc.flush()) };
    if (Object.values(checks).some((c) => c !== 'ok')) throw new ServiceUnavailableException({ message: `not ready: ${JSON.stringify(checks)}` });
    return { status: 'ok', checks };
  }

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }

  private async check(probe: () => Promise<unknown>): Promise<string> {
    try {
      await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 2 s')), 2000).unref())]);
      return 'ok';
    } catch (err) {
      return (err as Error).message;
    }
  }
}
