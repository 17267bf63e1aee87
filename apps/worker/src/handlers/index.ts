import type { Type } from '@nestjs/common';
import type { JobHandlerProvider } from '../job-handlers';
import { BillingBulkOperationHandler } from './billing-bulk-operation.handler';
import { BillingImportHandler, BillingReconcileDailyHandler, BillingReconcileHandler } from './billing-sync.handlers';
import { BillingCardExpiryRemindersHandler, BillingStaffDigestHandler } from './billing-daily-emails.handlers';
import { DeliverWebhookHandler } from './deliver-webhook.handler';
import { AuditRetentionHandler } from './audit-retention.handler';
import { HealthPingHandler } from './health-ping.handler';
import { JobsHousekeepingHandler } from './jobs-housekeeping.handler';
import { OutboxSweepHandler } from './outbox-sweep.handler';
import { ProcessStripeEventHandler } from './process-stripe-event.handler';
import { SendEmailHandler } from './send-email.handler';
import { UsageFlushHandler } from './usage-flush.handler';

/** Every job handler class; the worker module provides them and the worker indexes them by job name. */
export const JOB_HANDLER_CLASSES: Type<JobHandlerProvider>[] = [
  SendEmailHandler,
  HealthPingHandler,
  DeliverWebhookHandler,
  OutboxSweepHandler,
  AuditRetentionHandler,
  JobsHousekeepingHandler,
  UsageFlushHandler,
  ProcessStripeEventHandler,
  BillingReconcileHandler,
  BillingImportHandler,
  BillingReconcileDailyHandler,
  BillingBulkOperationHandler,
  BillingCardExpiryRemindersHandler,
  BillingStaffDigestHandler,
];
