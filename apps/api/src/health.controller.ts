import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig, requestIdOf } from '@app/core';
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

/** Headers that belong to one response, not to the liveness answer replayed for every probe. */
const PER_RESPONSE = new Set(['x-request-id', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * Liveness probes answered at the HTTP server, before Fastify's routing and app-wide hooks: a
 * `GET /api/v1/health/live` without a query string or Origin (what load balancers and orchestrators
 * send) gets the exact answer the Fastify route gave at start-up (security headers, Cache-Control,
 * CORS's constant headers, body) with its own x-request-id. Anything else (a query, an Origin, HEAD)
 * goes through Fastify as before. Call after the app is initialised and the health routes are mounted.
 */
export async function answerLivenessFirst(fastify: FastifyInstance): Promise<void> {
  const sample = await fastify.inject({ method: 'GET', url: HEALTH_LIVE_PATH });
  if (sample.statusCode !== 200) throw new Error(`The liveness route answered ${sample.statusCode} at start-up`);
  const body = Buffer.from(sample.rawPayload);
  const headers: string[] = [];
  for (const [name, value] of Object.entries(sample.headers)) {
    if (PER_RESPONSE.has(name) || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [String(value)]) headers.push(name, one);
  }
  headers.push('content-length', String(body.length));
  const server = fastify.server;
  const routed = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  if (routed.length !== 1) throw new Error(`Expected Fastify's one request listener, found ${routed.length}`);
  const [fastifyListener] = routed;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && request.url === HEALTH_LIVE_PATH && request.headers.origin === undefined) {
      response.writeHead(200, [...headers, 'x-request-id', requestIdOf(request.headers)]);
      response.end(body);
      return;
    }
    fastifyListener(request, response);
  });
}
