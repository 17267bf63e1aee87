import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_BASE, ProblemBody, ProblemException } from './problem';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'unavailable',
};

/**
 * What pg-pool rejects a checkout with when no connection came within `connectionTimeoutMillis`: every
 * pooled connection stayed busy, or a new one could not be opened in time. TypeORM passes both through
 * unwrapped (the checkout happens before its query's try block).
 */
const POOL_CHECKOUT_TIMEOUTS = new Set(['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout']);

/** Seconds a client is asked to wait before retrying a request refused because the database pool was busy. */
export const DATABASE_BUSY_RETRY_AFTER_SECONDS = 1;

export function isPoolCheckoutTimeout(error: unknown): boolean {
  return error instanceof Error && POOL_CHECKOUT_TIMEOUTS.has(error.message);
}

/** Turns any thrown error into an RFC 9457 problem body; unknown errors become a 500 without details. */
export function toProblem(error: unknown, requestId: string | undefined, logger?: Logger): ProblemBody {
  if (error instanceof ProblemException) return { ...error.toBody(), requestId };
  if (isPoolCheckoutTimeout(error)) {
    logger?.warn({ requestId }, 'database pool busy: no connection within the checkout timeout');
    return {
      type: PROBLEM_BASE + 'database-busy',
      title: TITLES[503],
      status: 503,
      detail: 'The database is busy right now; retry shortly.',
      requestId,
      retryAfter: DATABASE_BUSY_RETRY_AFTER_SECONDS,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse() as { message?: string | string[] } | string;
    const message = typeof response === 'string' ? response : response?.message;
    const detail = Array.isArray(message) ? message.join('; ') : message;
    return { type: PROBLEM_BASE + (SLUGS[status] ?? 'error'), title: TITLES[status] ?? 'Error', status, detail, requestId };
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const detail = fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fastifyError.message ?? '')
      ? 'The request body is not valid JSON.'
      : fastifyError.message;
    return { type: PROBLEM_BASE + (SLUGS[status] ?? 'bad-request'), title: TITLES[status] ?? 'Bad request', status, detail, requestId };
  }
  logger?.error({ err: error, requestId }, 'Unhandled error');
  if (process.env.DEBUG_ERRORS) console.error(error);
  return { type: PROBLEM_BASE + 'internal-error', title: TITLES[500], status: 500, detail: 'Something went wrong on our side.', requestId };
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): void {
  if (typeof body.retryAfter === 'number') void reply.header('Retry-After', String(body.retryAfter));
  void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}

/**
 * The global exception filter. When the SPA is served, an unknown GET outside /api answers with the
 * SPA's index.html so client-side routes (e.g. /members) load on refresh.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly spaIndexHtml: string | null = null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (
      this.spaIndexHtml &&
      exception instanceof HttpException &&
      exception.getStatus() === 404 &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/metrics') &&
      !request.url.startsWith('/admin/queues')
    ) {
      void reply.status(200).header('content-type', 'text/html; charset=utf-8').send(this.spaIndexHtml);
      return;
    }
    sendProblem(reply, toProblem(exception, request?.id, this.logger));
  }
}
