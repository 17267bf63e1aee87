/** Every BullMQ queue of the product. */
export enum QueueName {
  Email = 'email',
  System = 'system',
  Webhooks = 'webhooks',
  Billing = 'billing',
  /** Reconciliation and import runs: long, mostly waiting on Stripe; apart, so they never hold the Stripe-event slots. */
  BillingSync = 'billing-sync',
}

/** Every job name; each has exactly one processor in apps/worker. */
export enum JobName {
  SendEmail = 'email.send',
  HealthPing = 'system.health-ping',
  DeliverWebhook = 'webhooks.deliver',
  OutboxSweep = 'system.outbox-sweep',
  AuditRetention = 'system.audit-retention',
  JobsHousekeeping = 'system.jobs-housekeeping',
  UsageFlush = 'system.usage-flush',
  ProcessStripeEvent = 'billing.process-stripe-event',
  BillingReconcile = 'billing.reconcile',
  BillingImport = 'billing.import',
  BillingReconcileDaily = 'billing.reconcile-daily',
  BillingBulkOperation = 'billing.bulk-operation',
  BillingCardExpiryReminders = 'billing.card-expiry-reminders',
  BillingStaffDigest = 'billing.staff-digest',
}

/**
 * One email to deliver. Ids only: the worker reads the email_messages row (template key, sealed
 * variables) and renders; no address, link or token travels through Redis, the outbox or dead letters.
 */
export interface SendEmailPayload {
  tenantId: string | null;
  emailMessageId: string;
}

/** Scheduled platform-wide jobs read what they need from the database: their payload is empty. */
export type ScheduledPayload = Record<string, never>;

export type HealthPingPayload = ScheduledPayload;

/** One attempt of one webhook delivery; `attempt` makes a duplicate or stale job a no-op. */
export interface DeliverWebhookPayload {
  tenantId: string;
  deliveryId: string;
  attempt: number;
}

/**
 * One received Stripe event (the stripe_events row) to apply to the mirror. `eventTenantId` is the tenant the
 * inbox resolved when it stored the row (null: none owns it; not `tenantId`, which would make the outbox
 * row the tenant's, and the inbox writes it bound to no tenant): the worker binds its one transaction to it
 * and reads the row under that tenant's row-level security. Without it (jobs enqueued before the field
 * existed), or when the row is not that tenant's, the worker looks the tenant up on the cross-tenant path.
 */
export interface ProcessStripeEventPayload {
  stripeEventId: string;
  eventTenantId?: string | null;
}

/** One sync run (billing_sync_runs row) of one tenant's Stripe account: reconciliation or initial import. */
export interface BillingSyncRunPayload {
  tenantId: string;
  runId: string;
}

/** One staff bulk operation (billing_bulk_operations row) on a tenant's subscriptions: each item one Stripe call. */
export interface BillingBulkOperationPayload {
  tenantId: string;
  operationId: string;
}

/** One discriminated union of every job: enqueueing the wrong payload for a name does not compile. */
export type JobPayload =
  | { name: JobName.SendEmail; queue: QueueName.Email; data: SendEmailPayload }
  | { name: JobName.HealthPing; queue: QueueName.System; data: HealthPingPayload }
  | { name: JobName.DeliverWebhook; queue: QueueName.Webhooks; data: DeliverWebhookPayload }
  | { name: JobName.OutboxSweep; queue: QueueName.System; data: ScheduledPayload }
  | { name: JobName.AuditRetention; queue: QueueName.System; data: ScheduledPayload }
  | { name: JobName.JobsHousekeeping; queue: QueueName.System; data: ScheduledPayload }
  | { name: JobName.UsageFlush; queue: QueueName.System; data: ScheduledPayload }
  | { name: JobName.ProcessStripeEvent; queue: QueueName.Billing; data: ProcessStripeEventPayload }
  | { name: JobName.BillingReconcile; queue: QueueName.BillingSync; data: BillingSyncRunPayload }
  | { name: JobName.BillingImport; queue: QueueName.BillingSync; data: BillingSyncRunPayload }
  | { name: JobName.BillingReconcileDaily; queue: QueueName.BillingSync; data: ScheduledPayload }
  | { name: JobName.BillingBulkOperation; queue: QueueName.BillingSync; data: BillingBulkOperationPayload }
  | { name: JobName.BillingCardExpiryReminders; queue: QueueName.BillingSync; data: ScheduledPayload }
  | { name: JobName.BillingStaffDigest; queue: QueueName.BillingSync; data: ScheduledPayload };

export type PayloadOf<N extends JobName> = Extract<JobPayload, { name: N }>['data'];

export const JOB_QUEUE: { [N in JobName]: Extract<JobPayload, { name: N }>['queue'] } = {
  [JobName.SendEmail]: QueueName.Email,
  [JobName.HealthPing]: QueueName.System,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
  [JobName.OutboxSweep]: QueueName.System,
  [JobName.AuditRetention]: QueueName.System,
  [JobName.JobsHousekeeping]: QueueName.System,
  [JobName.UsageFlush]: QueueName.System,
  [JobName.ProcessStripeEvent]: QueueName.Billing,
  [JobName.BillingReconcile]: QueueName.BillingSync,
  [JobName.BillingImport]: QueueName.BillingSync,
  [JobName.BillingReconcileDaily]: QueueName.BillingSync,
  [JobName.BillingBulkOperation]: QueueName.BillingSync,
  [JobName.BillingCardExpiryReminders]: QueueName.BillingSync,
  [JobName.BillingStaffDigest]: QueueName.BillingSync,
};

/**
 * Delay before retry n (n = 1 after the first failure): `delayMs * 2^(n-1)`, capped at `maxDelayMs`
 * when set, then lowered by up to `jitter` (0..1) of itself at random so retries of many jobs spread out.
 */
export interface RetryBackoff {
  delayMs: number;
  maxDelayMs?: number;
  jitter: number;
}

/** How many finished jobs BullMQ keeps, by count and by age in seconds. */
export interface KeepJobs {
  count: number;
  age: number;
}

export interface JobPolicy {
  /** Runs in all, the first included; after the last failure the job becomes a dead letter. */
  attempts: number;
  backoff: RetryBackoff;
  removeOnComplete: KeepJobs;
  removeOnFail: KeepJobs;
  /** False for frequent scheduled jobs whose next run stands in for a failed one: no dead letter for them. */
  deadLetter: boolean;
}

const DAY = 24 * 3600;
const KEEP_COMPLETED: KeepJobs = { count: 1000, age: DAY };
const KEEP_FAILED: KeepJobs = { count: 5000, age: 7 * DAY };

/** Retry policy per job type, kept beside the names so nobody has to look for it in a switch. */
export const JOB_OPTIONS: { [N in JobName]: JobPolicy } = {
  [JobName.SendEmail]: { attempts: 8, backoff: { delayMs: 5_000, maxDelayMs: 3_600_000, jitter: 0.5 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED, deadLetter: true },
  [JobName.HealthPing]: { attempts: 1, backoff: { delayMs: 1_000, jitter: 0.5 }, removeOnComplete: { count: 10, age: 3600 }, removeOnFail: { count: 100, age: DAY }, deadLetter: false },
  [JobName.OutboxSweep]: { attempts: 1, backoff: { delayMs: 1_000, jitter: 0.5 }, removeOnComplete: { count: 10, age: 3600 }, removeOnFail: { count: 100, age: DAY }, deadLetter: false },
  [JobName.AuditRetention]: { attempts: 5, backoff: { delayMs: 60_000, maxDelayMs: 3_600_000, jitter: 0.5 }, removeOnComplete: { count: 30, age: 30 * DAY }, removeOnFail: KEEP_FAILED, deadLetter: true },
  [JobName.JobsHousekeeping]: { attempts: 5, backoff: { delayMs: 60_000, maxDelayMs: 3_600_000, jitter: 0.5 }, removeOnComplete: { count: 30, age: 30 * DAY }, removeOnFail: KEEP_FAILED, deadLetter: true },
  // Every few seconds; a failed flush puts what it took back in Redis and the next run retries it.
  [JobName.UsageFlush]: { attempts: 1, backoff: { delayMs: 1_000, jitter: 0.5 }, removeOnComplete: { count: 10, age: 3600 }, removeOnFail: { count: 100, age: DAY }, deadLetter: false },
  // Only for infrastructure errors (database down): a receiver's failure is recorded, not thrown, and the
  // next attempt is a new delayed job on the webhook schedule (WEBHOOK_BACKOFF_*, about 3 days).
  // A handler error retries for about an hour, then becomes a dead letter that staff replay.
  [JobName.ProcessStripeEvent]: { attempts: 8, backoff: { delayMs: 5_000, maxDelayMs: 900_000, jitter: 0.5 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED, deadLetter: true },
  // A failed attempt records its error on the run and the retry resumes after the last page done; the
  // last failure fails the run and emails staff (the run is the record: no dead letter).
  [JobName.BillingReconcile]: { attempts: 5, backoff: { delayMs: 60_000, maxDelayMs: 1_800_000, jitter: 0.5 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED, deadLetter: false },
  [JobName.BillingImport]: { attempts: 10, backoff: { delayMs: 60_000, maxDelayMs: 1_800_000, jitter: 0.5 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED, deadLetter: false },
  [JobName.BillingReconcileDaily]: { attempts: 3, backoff: { delayMs: 60_000, maxDelayMs: 600_000, jitter: 0.5 }, removeOnComplete: { count: 30, age: 30 * DAY }, removeOnFail: KEEP_FAILED, deadLetter: true },
  // A retry resumes at the first item without a result, with the same Stripe Idempotency-Key per item; the
  // last failure records the items left as failed and finishes the operation (it is the record: no dead letter).
  [JobName.BillingBulkOperation]: { attempts: 6, backoff: { delayMs: 10_000, maxDelayMs: 600_000, jitter: 0.5 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED, deadLetter: false },
  // Daily; each records what it sent, so a retry (or a second run the same day) sends nothing twice.
  [JobName.BillingCardExpiryReminders]: { attempts: 3, backoff: { delayMs: 60_000, maxDelayMs: 600_000, jitter: 0.5 }, removeOnComplete: { count: 30, age: 30 * DAY }, removeOnFail: KEEP_FAILED, deadLetter: true },
  [JobName.BillingStaffDigest]: { attempts: 3, backoff: { delayMs: 60_000, maxDelayMs: 600_000, jitter: 0.5 }, removeOnComplete: { count: 30, age: 30 * DAY }, removeOnFail: KEEP_FAILED, deadLetter: true },
  [JobName.DeliverWebhook]: { attempts: 5, backoff: { delayMs: 10_000, maxDelayMs: 600_000, jitter: 0.5 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED, deadLetter: true },
};
