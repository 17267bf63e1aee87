import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, createLogger, PinoLoggerService, quietFrameworkLogs } from '@app/core';
import { WorkerModule } from './worker.module';

export async function createWorker(options: { silent?: boolean } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  // The worker's logs go to stdout (pretty or JSON per LOG_FORMAT); LOG_FILE is the API's.
  app.useLogger(options.silent ? false : quietFrameworkLogs(new PinoLoggerService(createLogger({ ...app.get<AppConfig>(APP_CONFIG), logFile: null }))));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
