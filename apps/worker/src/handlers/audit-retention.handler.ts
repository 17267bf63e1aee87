import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Db } from '@app/database';
import { JobName, runSingleton } from '@app/queue';
import type { JobHandlerProvider } from '../job-handlers';

const DEFAULT_RETENTION_DAYS = 90;

/**
 * Deletes audit rows older than their tenant's retention (tenants.settings.auditRetentionDays, else
 * 90 days; at least 1) and platform-level rows older than 90 days, on the cross-tenant path, and
 * records one audit row per tenant purged with the count.
 */
@Injectable()
export class AuditRetentionHandler implements JobHandlerProvider<JobName.AuditRetention> {
  readonly name = JobName.AuditRetention;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async handle(): Promise<void> {
    await runSingleton(this.db, this.name, async () => {
      await this.db.crossTenant();
      const manager = this.db.manager();
      // The nightly purge may delete millions of rows: above the pool's statement timeout, made for requests.
      await manager.query(`set local statement_timeout = '15min'`);
      const purged: { tenant_id: string; retention_days: number; deleted: number }[] = await manager.query(
        `with retention as (
           select id, greatest(1, case when settings->>'auditRetentionDays' ~ '^[0-9]{1,5}$'
                                       then (settings->>'auditRetentionDays')::int else $1 end) as days
             from tenants),
         deleted as (
           delete from audit_logs a using retention r
            where a.tenant_id = r.id and a.created_at < now() - make_interval(days => r.days)
           returning a.tenant_id)
         select d.tenant_id, r.days as retention_days, count(*)::int as deleted
           from deleted d join retention r on r.id = d.tenant_id group by d.tenant_id, r.days`,
        [DEFAULT_RETENTION_DAYS],
      );
      for (const row of purged) {
        await this.audit.record({
          action: 'audit_log.purged',
          entityType: 'tenant',
          entityId: row.tenant_id,
          tenantId: row.tenant_id,
          after: { deleted: row.deleted, retentionDays: row.retention_days },
        });
      }
      const [, platformDeleted] = await manager.query(
        `delete from audit_logs where tenant_id is null and created_at < now() - make_interval(days => $1)`,
        [DEFAULT_RETENTION_DAYS],
      );
      if (platformDeleted > 0) {
        await this.audit.record({
          action: 'audit_log.purged',
          entityType: 'platform',
          tenantId: null,
          after: { deleted: platformDeleted, retentionDays: DEFAULT_RETENTION_DAYS },
        });
      }
    });
  }
}
