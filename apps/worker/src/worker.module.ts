import { Module } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { ConfigModule } from '@app/core';
import { AuditModule } from '@app/audit';
import { BillingWorkerModule } from '@app/billing';
import { DatabaseModule } from '@app/database';
import { MetricsModule } from '@app/metrics';
import { EmailModule } from '@app/email';
import { IdempotencyModule } from '@app/idempotency';
import { QueueModule, RedisModule } from '@app/queue';
import { WebhookSenderModule } from '@app/webhooks';
import { WorkerDatabasePoolModule } from '@app/database';
import { JOB_HANDLER_CLASSES } from './handlers';
import { JobEvents } from './job-events';
import { JOB_HANDLERS, type JobHandlerProvider } from './job-handlers';
import { JobProcessor } from './job-processor';
import { WorkerQueues } from './worker-queues';
import { WorkerService } from './worker.service';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    RedisModule,
    MetricsModule.forWorker(),
    QueueModule,
    AuditModule,
    EmailModule,
    WebhookSenderModule,
    IdempotencyModule,
    // The worker's own pool size (WORKER_DATABASE_POOL_SIZE) for DatabaseModule's connection.
    WorkerDatabasePoolModule,
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
