import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG, type AppConfig, ProblemException, Problems, sendProblem, toProblem } from '@app/core';
import { metricsAccess } from './metrics-access';
import { MetricsRegistry } from './metrics.registry';

export const METRICS_PATH = '/metrics';

/**
 * GET /metrics on the API's own Fastify instance: outside /api/v1 and the OpenAPI document, with no
 * tenant transaction. The API port is public, so without METRICS_TOKEN it is served only outside production.
 */
@Injectable()
export class MetricsEndpoint {
  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  mount(fastify: FastifyInstance): void {
    fastify.get(METRICS_PATH, async (request, reply) => {
      const access = metricsAccess(this.config.metricsToken, request.headers.authorization, this.config.nodeEnv !== 'production');
      if (access === 'disabled') return sendProblem(reply, toProblem(Problems.notFound('This route'), request.id));
      if (access === 'unauthorized') {
        void reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendProblem(reply, toProblem(new ProblemException('unauthorized', 401, 'Unauthorized', 'A valid metrics bearer token is required.'), request.id));
      }
      const body = await this.metrics.render();
      return reply.header('content-type', this.metrics.contentType).header('cache-control', 'no-store').send(body);
    });
  }
}
