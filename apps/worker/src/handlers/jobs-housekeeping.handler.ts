import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Db } from '@app/database';
import { IdempotencyService } from '@app/idempotency';
import { JobName, runSingleton } from '@app/queue';
import type { JobHandlerProvider } from '../job-handlers';

/**
 * Keeps the job bookkeeping tables small: outbox rows completed over 7 days ago or parked over 30 days
 * ago (their dead letter keeps the payload), dead letters resolved over 90 days ago, and run-once
 * claims over 30 days old (far beyond any job's retry window), Idempotency-Keys past their 24 hours,
 * webhook events with their delivery log after 30 days, and the email log after 90 days. The sealed
 * content of emails that failed after every retry goes 7 days after the failure (no replay after that).
 */
@Injectable()
export class JobsHousekeepingHandler implements JobHandlerProvider<JobName.JobsHousekeeping> {
  readonly name = JobName.JobsHousekeeping;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async handle(): Promise<void> {
    await runSingleton(this.db, this.name, async () => {
      await this.db.crossTenant();
      const manager = this.db.manager();
      const count = async (sql: string) => ((await manager.query(sql)) as [unknown, number])[1];
      const deleted = {
        outboxCompleted: await count(`delete from outbox where completed_at < now() - interval '7 days'`),
        outboxFailed: await count(`delete from outbox where failed_at < now() - interval '30 days'`),
        deadLetters: await count(`delete from dead_letters where status <> 'open' and resolved_at < now() - interval '90 days'`),
        processedJobs: await count(`delete from processed_jobs where processed_at < now() - interval '30 days'`),
        idempotencyKeys: await this.idempotency.prune(),
        // Delivery logs: an event goes (with its deliveries and attempts) 30 days after it was published,
        // once none of its deliveries is still waiting for a retry.
        webhookEvents: await count(`delete from webhook_events e where e.created_at < now() - interval '30 days'
          and not exists (select 1 from webhook_deliveries d where d.tenant_id = e.tenant_id and d.event_id = e.id and d.status in ('pending', 'failed'))`),
        emailMessages: await count(`delete from email_messages where created_at < now() - interval '90 days' and status <> 'queued'`),
        emailContentScrubbed: await count(`update email_messages set variables_sealed = null, template_sealed = null
          where status = 'failed' and failed_at < now() - interval '7 days' and (variables_sealed is not null or template_sealed is not null)`),
      };
      if (Object.values(deleted).some((n) => n > 0)) {
        await this.audit.record({ action: 'jobs.housekeeping', entityType: 'platform', tenantId: null, after: deleted });
      }
    });
  }
}
