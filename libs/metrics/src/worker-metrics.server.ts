import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { metricsAccess } from './metrics-access';
import { METRICS_PATH } from './metrics.endpoint';
import { MetricsRegistry } from './metrics.registry';

/**
 * The worker has no HTTP API, so it answers GET /metrics on its own port (WORKER_METRICS_PORT, 0 = off).
 * That port is meant to stay private, so without METRICS_TOKEN it is open.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  private server: Server | null = null;

  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerMetricsPort === 0) return;
    const server = createServer((request, response) => {
      const send = (status: number, type: string, body: string) => response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' || path !== METRICS_PATH) return send(404, 'text/plain; charset=utf-8', 'not found\n');
      if (metricsAccess(this.config.metricsToken, request.headers.authorization, true) !== 'allowed') {
        response.setHeader('www-authenticate', 'Bearer realm="metrics"');
        return send(401, 'text/plain; charset=utf-8', 'a valid metrics bearer token is required\n');
      }
      this.metrics.render().then(
        (body) => send(200, this.metrics.contentType, body),
        () => send(500, 'text/plain; charset=utf-8', 'metrics unavailable\n'),
      );
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.config.workerMetricsPort, this.config.host, () => resolve());
      });
    } catch (error) {
      // Jobs matter more than their metrics: keep working; the scrape target shows as down.
      this.logger.error(`worker metrics server could not listen on port ${this.config.workerMetricsPort}: ${(error as Error).message}`);
      return;
    }
    this.server = server;
    this.logger.log(`worker metrics on http://${this.config.host}:${this.config.workerMetricsPort}${METRICS_PATH}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
