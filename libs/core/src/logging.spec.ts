import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import { loadConfig } from './config';
import { type LogLineSink, prettyLogStream, quietFrameworkLogs } from './logging';

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
