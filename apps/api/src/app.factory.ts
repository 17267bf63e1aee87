import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { ModuleRef, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import { type FastifyBaseLogger, LogController } from 'fastify';
import {
  applyRouteBodyLimits,
  createLogger,
  createValidationPipe,
  INPUT_LIMITS,
  installInputBounds,
  loadConfig,
  logRequests,
  PinoLoggerService,
  ProblemFilter,
  quietFrameworkLogs,
  requestIdOf,
} from '@app/core';
import { HttpMetrics, METRICS_PATH, MetricsEndpoint, QueueDashboard } from '@app/metrics';
import { PUBLIC_KEY } from '@app/rbac';
import { AppModule } from './app.module';
import { registerCors } from './cors';
import { answerLivenessFirst, HEALTH_LIVE_PATH, HealthEndpoint } from './health.controller';
import { buildOpenApiDocument, mountApiDocs } from './openapi';
import { registerSecurityHeaders } from './security-headers';


export interface CreateAppOptions {
  /** Quiet logs (tests). */
  silent?: boolean;
  /** Serve the built SPA at / (default: when WEB_DIST exists). */
  serveWeb?: boolean;
}

/** Builds the HTTP application exactly as production runs it; tests use the same function. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = loadConfig();
  const logger = createLogger(config);
  const adapter = new FastifyAdapter({
    // Fastify's own pino: its request lines are off (one line per request comes from logRequests), and a
    // request's `request.log` is the logger itself, so no child logger is built per request.
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: (parent: FastifyBaseLogger) => parent,
    // No Nest middleware runs per request (request logging is a Fastify hook): @fastify/middie is not registered.
    skipMiddie: true,
    bodyLimit: config.bodyLimitBytes,
    // A stalled client is cut off: headers, the whole request, an idle keep-alive connection, and any
    // connection on which nothing moves (which also ends a response the client stopped reading).
    requestTimeout: config.http.requestTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    connectionTimeout: config.http.idleTimeoutMs,
    http: {
      headersTimeout: config.http.headersTimeoutMs,
      // Node checks the header and request deadlines this often (30 s by default).
      connectionsCheckingInterval: Math.min(1000, config.http.headersTimeoutMs),
    },
    trustProxy: config.trustProxy,
    genReqId: (req: { headers: IncomingHttpHeaders }) => requestIdOf(req.headers),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true, abortOnError: false, bodyParser: false });
  app.useLogger(options.silent ? false : quietFrameworkLogs(new PinoLoggerService(logger)));
  app.setGlobalPrefix('api/v1', { exclude: [] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // Bounded work per request: JSON only, a body limit per route (small on public routes), then one cheap
  // walk of body, query and path before guards and validation.
  installInputBounds(fastify, INPUT_LIMITS);
  applyRouteBodyLimits(app, fastify, {
    isPublic: (handler, controller) => Reflect.getMetadata(PUBLIC_KEY, handler) === true || Reflect.getMetadata(PUBLIC_KEY, controller) === true,
    publicBytes: config.publicBodyLimitBytes,
    authenticatedBytes: config.bodyLimitBytes,
  });
  registerSecurityHeaders(fastify);
  registerCors(fastify, { origins: config.corsOrigins, exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'idempotent-replayed'] });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });
  app.get(HttpMetrics).observe(fastify, [HEALTH_LIVE_PATH, METRICS_PATH]);
  // Probes and scrapes are frequent and say nothing.
  logRequests(fastify, logger, ['/api/v1/health', METRICS_PATH]);

  const document = buildOpenApiDocument(app);
  mountApiDocs(app, document);

  const indexHtml = join(config.webDist, 'index.html');
  const serveWeb = (options.serveWeb ?? true) && existsSync(indexHtml);
  await app.get(QueueDashboard).mount(fastify);
  if (serveWeb) await fastify.register(fastifyStatic, { root: config.webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  // Every error, Fastify's own included (bad JSON, body too large, wrong content type), reaches Nest's
  // exception layer and this filter, which answers problem+json.
  app.useGlobalFilters(new ProblemFilter(serveWeb ? readFileSync(indexHtml, 'utf8') : null));
  await app.init();
  // Plain Fastify routes, outside Nest's guards, interceptors and pipes. Mounted after init, so that they
  // get the error handler Nest installs there (errors of their hooks answer problem+json too).
  app.get(MetricsEndpoint).mount(fastify);
  (await app.select(AppModule).get(ModuleRef, { strict: true }).create(HealthEndpoint)).mount(fastify);
  await answerLivenessFirst(fastify);
  return app;
}
