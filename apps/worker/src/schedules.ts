import type { AppConfig } from '@app/core';
import { JobName, type PayloadOf } from '@app/queue';

/** A BullMQ job scheduler: its id, when it fires (cron pattern in UTC, or every n ms) and the job it adds. */
export interface JobSchedule<N extends JobName = JobName> {
  id: string;
  repeat: { pattern: string; tz: 'UTC' } | { every: number };
  job: { name: N; data: PayloadOf<N> };
}

const schedule = <N extends JobName>(s: JobSchedule<N>): JobSchedule => s as unknown as JobSchedule;

/**
 * Every scheduled job of the product, in one place. The worker registers these at start, removes
 * schedulers no longer listed, and re-creates any that Redis lost (it runs without persistence).
 * Jobs that must not overlap take an advisory lock in their handler (runSingleton).
 */
export function jobSchedules(config: AppConfig): JobSchedule[] {
  return [
    schedule({ id: 'health-ping', repeat: { every: 60_000 }, job: { name: JobName.HealthPing, data: {} } }),
    schedule({ id: 'outbox-sweep', repeat: { every: config.outboxSweepEverySeconds * 1000 }, job: { name: JobName.OutboxSweep, data: {} } }),
    schedule({ id: 'audit-retention', repeat: { pattern: '0 3 * * *', tz: 'UTC' }, job: { name: JobName.AuditRetention, data: {} } }),
    schedule({ id: 'jobs-housekeeping', repeat: { pattern: '30 3 * * *', tz: 'UTC' }, job: { name: JobName.JobsHousekeeping, data: {} } }),
    schedule({ id: 'billing-reconcile-daily', repeat: { pattern: '0 2 * * *', tz: 'UTC' }, job: { name: JobName.BillingReconcileDaily, data: {} } }),
    schedule({ id: 'billing-staff-digest', repeat: { pattern: '0 7 * * *', tz: 'UTC' }, job: { name: JobName.BillingStaffDigest, data: {} } }),
    schedule({ id: 'billing-card-expiry-reminders', repeat: { pattern: '0 8 * * *', tz: 'UTC' }, job: { name: JobName.BillingCardExpiryReminders, data: {} } }),
    schedule({ id: 'usage-flush', repeat: { every: config.usageFlushEverySeconds * 1000 }, job: { name: JobName.UsageFlush, data: {} } }),
  ];
}
