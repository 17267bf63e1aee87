import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { quietFrameworkLogs } from '@app/core';
import { WorkerModule } from './worker.module';

export async function createWorker(options: { silent?: boolean } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  if (options.silent) app.useLogger(false);
  else app.useLogger(quietFrameworkLogs(app.get(Logger)));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
