import type { LoggerService } from '@nestjs/common';
import pino, { type Level, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { AppConfig } from './config';
import { currentContext } from './request-context';

/** What pino writes its lines to. */
export interface LogLineSink {
  write(line: string): unknown;
}

/**
 * Where the API's and worker's pino logs go when they are to be read by people (LOG_FORMAT=pretty,
 * the default outside production): one line per entry, `HH:MM:ss.l LEVEL: [Context] message`, request
 * lines as `message method url status time`, other fields (an error's stack) below. Undefined means
 * pino's own JSON lines on stdout (production, and whenever nothing is logged at all, so silent tests
 * build no formatter). Formats in-process and synchronously: no transport thread to start or close.
 */
export function prettyLogStream(config: Pick<AppConfig, 'logFormat' | 'logLevel'>, out: LogLineSink = process.stdout): LogLineSink | undefined {
  if (config.logFormat !== 'pretty' || config.logLevel === 'silent') return undefined;
  const format = prettyFactory({
    colorize: out === process.stdout && Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: (log, messageKey) => {
      const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
      const req = log.req as { method?: string; url?: string } | undefined;
      const res = log.res as { statusCode?: number } | undefined;
      const request = req && res ? ` ${req.method} ${req.url} ${res.statusCode} ${String(log.responseTime)}ms` : '';
      return `${context}${String(log[messageKey] ?? '')}${request}`;
    },
  });
  return { write: (line: string) => out.write(format(line)) };
}

/** Nest's start-up chatter: one line per module, controller and route, every start. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Wraps the Nest logger so Nest's start-up lines (module initialised, controller and route mapped)
 * are logged at debug instead of info: LOG_LEVEL=debug still shows them, the default level does not.
 */
export function quietFrameworkLogs(logger: LoggerService): LoggerService {
  const isFramework = (params: unknown[]) => {
    const context = params[params.length - 1];
    return typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context);
  };
  return {
    log: (message: unknown, ...params: unknown[]) => (isFramework(params) && logger.debug ? logger.debug(message, ...params) : logger.log(message, ...params)),
    error: (message: unknown, ...params: unknown[]) => logger.error(message, ...params),
    warn: (message: unknown, ...params: unknown[]) => logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]) => logger.debug?.(message, ...params),
    verbose: (message: unknown, ...params: unknown[]) => logger.verbose?.(message, ...params),
    fatal: (message: unknown, ...params: unknown[]) => (logger.fatal ? logger.fatal(message, ...params) : logger.error(message, ...params)),
  };
}

/**
 * The process's one pino logger (API: also Fastify's `loggerInstance`; worker: Nest's logs only).
 * LOG_FILE, when given, gets JSON lines; otherwise stdout gets them pretty or as JSON (LOG_FORMAT).
 */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat' | 'logFile'>): Logger {
  // JSON lines are written asynchronously: lines logged while a write is under way go out together in
  // the next one (under load, one write per many requests instead of one each), and pino flushes what
  // is left when the process exits. Pretty lines (development) stay synchronous.
  // Nothing is logged at all (tests): no destination to open and flush.
  if (config.logLevel === 'silent') return pino({ level: 'silent' });
  const stream = config.logFile
    ? pino.destination({ dest: config.logFile, mkdir: true, sync: false })
    : (prettyLogStream(config) ?? pino.destination({ dest: 1, sync: false }));
  return pino({ level: config.logLevel }, stream);
}

/**
 * Nest's LoggerService on a pino logger, with the call shapes Nest uses: `log(message, context)`,
 * `error(message, stack, context)`, an Error or an object of fields as the message. A line logged while
 * a request is handled carries its id as `req.id`, as the request's own line does.
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const requestId = currentContext()?.requestId;
    if (requestId && requestId !== 'system') fields.req = { id: requestId };
    // The context is the last parameter (Nest's Logger passes it there).
    let rest = params;
    if (params.length) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    if (message instanceof Error) {
      fields.err = message;
      this.logger[level](fields, ...(rest as [string?]));
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level](Object.assign(fields, message), ...(rest as [string?]));
    } else if (level === 'error' && typeof message === 'string' && rest.length === 1 && typeof rest[0] === 'string' && isStack(rest[0])) {
      // Nest's exception handlers call error(message, stack, context).
      const err = new Error(message);
      err.stack = rest[0];
      fields.err = err;
      this.logger[level](fields);
    } else {
      this.logger[level](fields, String(message), ...rest);
    }
  }
}

function isStack(text: string): boolean {
  return text.split('\n').some((line, index) => index > 0 && line.trimStart().startsWith('at '));
}
