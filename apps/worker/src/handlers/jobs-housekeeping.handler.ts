import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Db } from '@app/database';
import { IdempotencyService } from '@app/idempotency';
import { JobName, runSingleton } from '@app/queue';
import type { JobHandlerProvider } from '../job-handlers';

/**
 * Keeps the job bookkeeping tables small: outbox rows completed over 7 days ago or parked over 30 days
 * ago (their dead letter keeps the payload), dead letters resolved over 90 days ago, and run-once
 * claims over 30 days old (far beyond any job's retry window), and Idempotency-Keys past their 24 hours.
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
      };
      if (Object.values(deleted).some((n) => n > 0)) {
        await this.audit.record({ action: 'jobs.housekeeping', entityType: 'platform', tenantId: null, after: deleted });
      }
    });
  }
}
