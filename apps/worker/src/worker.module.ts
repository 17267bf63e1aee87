import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@app/core';
import { AuditModule } from '@app/audit';
import { DatabaseModule } from '@app/database';
import { MetricsModule } from '@app/metrics';
import { EmailModule } from '@app/email';
import { QueueModule, RedisModule } from '@app/queue';
import { WebhookSenderModule } from '@app/webhooks';
import { JOB_HANDLER_CLASSES } from './handlers';
import { JOB_HANDLERS, type JobHandlerProvider } from './job-handlers';
import { WorkerService } from './worker.service';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel } }) }),
    DatabaseModule,
    RedisModule,
    MetricsModule.forWorker(),
    QueueModule,
    AuditModule,
    EmailModule,
    WebhookSenderModule,
  ],
  providers: [
    ...JOB_HANDLER_CLASSES,
    { provide: JOB_HANDLERS, inject: JOB_HANDLER_CLASSES, useFactory: (...handlers: JobHandlerProvider[]) => handlers },
    WorkerService,
  ],
})
export class WorkerModule {}
