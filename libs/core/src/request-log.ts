import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { redactUrl } from './log-redaction';

/**
 * One line per finished request, from Fastify's onResponse hook: the request id, method, URL with
 * secret query values redacted, status and response time (whole ms); never headers (Authorization,
 * cookies). Requests whose URL starts with one of `unlogged` (probes, scrapes) are not logged. No hook
 * at all when the logger is above info (tests), so nothing is paid per request for lines never written.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger, unlogged: readonly string[]): void {
  if (!logger.isLevelEnabled('info')) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    const url = request.raw.url ?? '';
    if (!unlogged.some((prefix) => url.startsWith(prefix))) {
      const status = reply.statusCode;
      logger.info(
        { req: { id: request.id, method: request.method, url: redactUrl(url) }, res: { statusCode: status }, responseTime: Math.round(reply.elapsedTime) },
        status >= 500 ? 'request errored' : 'request completed',
      );
    }
    done();
  });
}
