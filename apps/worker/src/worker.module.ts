import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditService } from '@app/audit';
import { APP_CONFIG, type AppConfig, ConfigModule, prettyLogStream } from '@app/core';
import { AuditModule } from '@app/audit';
import { BillingWorkerModule } from '@app/billing';
import { DatabaseModule } from '@app/database';
import { MetricsModule } from '@app/metrics';
import { EmailModule } from '@app/email';
import { IdempotencyModule } from '@app/idempotency';
import { QueueModule, RedisModule } from '@app/queue';
import { WebhookSenderModule } from '@app/webhooks';
import { JOB_HANDLER_CLASSES } from './handlers';
import { JobEvents } from './job-events';
import { JOB_HANDLERS, type JobHandlerProvider } from './job-handlers';
import { JobProcessor } from './job-processor';
import { WorkerQueues } from './worker-queues';
import { WorkerService } from './worker.service';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel, stream: prettyLogStream(config) } }) }),
    DatabaseModule,
    RedisModule,
    MetricsModule.forWorker(),
    QueueModule,
    AuditModule,
    EmailModule,
    WebhookSenderModule,
    IdempotencyModule,
    BillingWorkerModule,
  ],
  providers: [
    AuditService,
    WorkerQueues,
    JobEvents,
    ...JOB_HANDLER_CLASSES,
    { provide: JOB_HANDLERS, inject: JOB_HANDLER_CLASSES, useFactory: (...handlers: JobHandlerProvider[]) => handlers },
    JobProcessor,
    WorkerService,
  ],
  exports: [JobEvents],
})
export class WorkerModule {}
