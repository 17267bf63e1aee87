import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics.registry';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Label of requests that matched no route, so scanners probing random URLs add one series, not thousands. */
export const UNMATCHED_ROUTE = 'unmatched';

/** HTTP latency by method, route template (never the raw URL: ids would explode the series) and status. */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
  }

  /**
   * Adds the onResponse hook; call before routes are registered. Routes in `unobserved` (liveness, the
   * scrape itself: constant answers whose latency says nothing) are left out, since an observation costs
   * about 2 µs, as much as the rest of such a request's own work.
   */
  observe(fastify: FastifyInstance, unobserved: readonly string[] = []): void {
    const skipped = new Set(unobserved);
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.is404 ? UNMATCHED_ROUTE : request.routeOptions.url || UNMATCHED_ROUTE;
      if (skipped.has(route)) return done();
      const method = METHODS.has(request.method) ? request.method : 'OTHER';
      this.duration.observe({ method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
  }
}
