import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import { loadConfig } from './config';
import { type LogLineSink, PinoLoggerService, prettyLogStream, quietFrameworkLogs } from './logging';
import { requestContext, systemContext } from './request-context';

const secrets = { JWT_SECRET: 'j'.repeat(40), ENCRYPTION_KEY: 'e'.repeat(40) };

describe('LOG_FORMAT', () => {
  it('is pretty outside production and json in production unless set', () => {
    expect(loadConfig({ ...secrets }).logFormat).toBe('pretty');
    expect(loadConfig({ ...secrets, NODE_ENV: 'test' }).logFormat).toBe('pretty');
    expect(loadConfig({ ...secrets, NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(loadConfig({ ...secrets, NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ ...secrets, LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ ...secrets, LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT must be "pretty" or "json", got "xml"');
  });
});

describe('prettyLogStream', () => {
  const capture = () => {
    const lines: string[] = [];
    const sink: LogLineSink = { write: (line: string) => lines.push(line) };
    return { lines, sink };
  };

  it('is not built for JSON logs or when nothing is logged', () => {
    expect(prettyLogStream({ logFormat: 'json', logLevel: 'info' }, capture().sink)).toBeUndefined();
    expect(prettyLogStream({ logFormat: 'pretty', logLevel: 'silent' }, capture().sink)).toBeUndefined();
  });

  it('writes one readable line per entry: level, context, message, request summary; errors with their stack', () => {
    const { lines, sink } = capture();
    const logger = pino({ level: 'info' }, prettyLogStream({ logFormat: 'pretty', logLevel: 'info' }, sink));
    logger.info({ context: 'NestApplication' }, 'Nest application successfully started');
    logger.info({ req: { id: 'r1', method: 'GET', url: '/api/v1/auth/me' }, res: { statusCode: 401 }, responseTime: 3 }, 'request completed');
    logger.error({ err: new Error('boom'), context: 'Worker' }, 'job failed');
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[NestApplication\] Nest application successfully started\n$/);
    expect(lines[1]).toMatch(/^\[[\d:.]+\] INFO: request completed GET \/api\/v1\/auth\/me 401 3ms\n$/);
    expect(lines[2]).toMatch(/^\[[\d:.]+\] ERROR: \[Worker\] job failed\n/);
    expect(lines[2]).toContain('Error: boom');
    expect(lines[2]).toContain('logging.spec.ts');
    expect(lines.join('')).not.toMatch(/"level"|hostname|pid/);
  });
});

describe('quietFrameworkLogs', () => {
  it("logs Nest's module, controller and route lines at debug, everything else as it came", () => {
    const calls: Array<[string, unknown[]]> = [];
    const record = (level: string) => (...args: unknown[]) => void calls.push([level, args]);
    const inner: LoggerService = { log: record('log'), error: record('error'), warn: record('warn'), debug: record('debug'), verbose: record('verbose'), fatal: record('fatal') };
    const logger = quietFrameworkLogs(inner);
    logger.log('Mapped {/api/v1/health/live, GET} route', 'RouterExplorer');
    logger.log('AuthController {/api/v1/auth}:', 'RoutesResolver');
    logger.log('AuthModule dependencies initialized', 'InstanceLoader');
    logger.log('Starting Nest application...', 'NestFactory');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('worker started', 'Worker');
    logger.warn('slow', 'RouterExplorer');
    logger.error('failed', 'stack', 'Worker');
    expect(calls).toEqual([
      ['debug', ['Mapped {/api/v1/health/live, GET} route', 'RouterExplorer']],
      ['debug', ['AuthController {/api/v1/auth}:', 'RoutesResolver']],
      ['debug', ['AuthModule dependencies initialized', 'InstanceLoader']],
      ['debug', ['Starting Nest application...', 'NestFactory']],
      ['log', ['Nest application successfully started', 'NestApplication']],
      ['log', ['worker started', 'Worker']],
      ['warn', ['slow', 'RouterExplorer']],
      ['error', ['failed', 'stack', 'Worker']],
    ]);
  });
});

describe('PinoLoggerService', () => {
  const capture = (level = 'info') => {
    const lines: Array<Record<string, any>> = [];
    const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    return { lines, service: new PinoLoggerService(logger) };
  };

  it("maps Nest's call shapes to pino lines: context, message, an Error, an object of fields, the exception handlers' (message, stack, context)", () => {
    const { lines, service } = capture('debug');
    service.log('worker started', 'Worker');
    service.warn('slow');
    service.debug('Mapped {/api/v1/roles, GET} route', 'RouterExplorer');
    service.verbose('not at debug', 'Worker');
    service.error(new Error('boom'), 'ProblemFilter');
    service.error({ err: new Error('inner'), requestId: 'r-1' }, 'Unhandled error', 'ProblemFilter');
    const stack = 'Error: failed\n    at handler (file.ts:1:1)';
    service.error('failed', stack, 'ExceptionsHandler');
    expect(lines.map(({ level, msg, context }) => ({ level, msg, context }))).toEqual([
      { level: 30, msg: 'worker started', context: 'Worker' },
      { level: 40, msg: 'slow', context: undefined },
      { level: 20, msg: 'Mapped {/api/v1/roles, GET} route', context: 'RouterExplorer' },
      { level: 50, msg: 'boom', context: 'ProblemFilter' },
      { level: 50, msg: 'Unhandled error', context: 'ProblemFilter' },
      { level: 50, msg: 'failed', context: 'ExceptionsHandler' },
    ]);
    expect(lines[3].err).toMatchObject({ type: 'Error', message: 'boom' });
    expect(lines[4]).toMatchObject({ requestId: 'r-1', err: { message: 'inner' } });
    expect(lines[5].err).toMatchObject({ message: 'failed', stack });
  });

  it('tags a line logged while a request is handled with its id, not a job\'s', () => {
    const { lines, service } = capture();
    requestContext.run({ ...systemContext(), requestId: 'req-123' }, () => service.log('inside', 'Test'));
    requestContext.run(systemContext(), () => service.log('job', 'Test'));
    service.log('outside', 'Test');
    expect(lines.map((line) => line.req)).toEqual([{ id: 'req-123' }, undefined, undefined]);
  });
});
