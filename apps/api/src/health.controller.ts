import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyInstance } from 'fastify';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { OutboxLagService } from '@app/metrics';
import { REDIS } from '@app/queue';
import type { LiveDto } from './health.dto';

export const HEALTH_LIVE_PATH = '/api/v1/health/live';
export const HEALTH_READY_PATH = '/api/v1/health/ready';
const LIVE_BODY = JSON.stringify({ status: 'ok' } satisfies LiveDto);
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * GET /api/v1/health/live and /api/v1/health/ready as plain Fastify routes: probes are public, never
 * rate-limited and touch no tenant data, so they skip Nest's guards, interceptors, pipes and rxjs. The
 * app-wide Fastify hooks still give them the security headers, Cache-Control and x-request-id; a failed
 * readiness check (ServiceUnavailableException) reaches the problem filter through Fastify's error
 * handler like any other error. Their OpenAPI entries are in health.openapi.ts.
 */
@Injectable()
export class HealthEndpoint {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly outboxLag: OutboxLagService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  mount(fastify: FastifyInstance): void {
    fastify.get(HEALTH_LIVE_PATH, (_request, reply) => {
      void reply.header('content-type', JSON_TYPE).send(LIVE_BODY);
    });
    fastify.get(HEALTH_READY_PATH, async (_request, reply) => {
      void reply.header('cache-control', 'no-cache, no-store, must-revalidate');
      return this.ready();
    });
  }

  /** Database and Redis answer, and the outbox relay is not lagging (OUTBOX_LAG_READY_SECONDS). */
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      async () => {
        const indicator = this.indicators.check('redis');
        try {
          await this.redis.ping();
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
      async () => {
        const indicator = this.indicators.check('outbox');
        try {
          const lag = await this.outboxLag.read();
          const details = { ...lag, thresholdSeconds: this.config.outboxLagReadySeconds };
          return lag.oldestPendingAgeSeconds > this.config.outboxLagReadySeconds ? indicator.down(details) : indicator.up(details);
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
    ]);
  }
}
