import type { LoggerService } from '@nestjs/common';
import { prettyFactory } from 'pino-pretty';
import type { AppConfig } from './config';

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
