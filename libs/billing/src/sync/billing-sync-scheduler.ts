import { Injectable } from '@nestjs/common';
import { newId } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxService, runSingleton } from '@app/queue';
import { StripeGateway } from '../gateway/stripe-gateway';

/** How far before the last successful sync's start a reconciliation lists again (clock skew, objects created mid-run). */
export const SYNC_OVERLAP_MS = 10 * 60 * 1000;

/** The start of the listing window of a new reconciliation: the last successful sync's start, less the overlap (null: never synced). */
export const SINCE_LAST_SUCCESS = `(select max(s.started_at) - interval '${SYNC_OVERLAP_MS / 1000} seconds' from billing_sync_runs s where s.tenant_id = $2 and s.status = 'succeeded')`;

/**
 * The daily reconciliation (02:00 UTC, a singleton): one run and one `billing.reconcile` job per tenant
 * with billing configured (a connected Stripe account, or mirrored objects on the platform account),
 * skipping tenants whose run is still going. Without STRIPE_SECRET_KEY it does nothing.
 */
@Injectable()
export class BillingSyncScheduler {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly outbox: OutboxService,
  ) {}

  async fanOut(): Promise<number> {
    if (!this.gateway.configured) return 0;
    let started = 0;
    await runSingleton(this.db, JobName.BillingReconcileDaily, async () => {
      await this.db.crossTenant();
      const manager = this.db.manager();
      const tenants: Array<{ id: string }> = await manager.query(
        `select t.id from tenants t
          where t.status = 'active'
            and (exists (select 1 from stripe_accounts a where a.tenant_id = t.id)
                 or exists (select 1 from billing_customers c where c.tenant_id = t.id)
                 or exists (select 1 from billing_products p where p.tenant_id = t.id))
          order by t.id`,
      );
      for (const tenant of tenants) {
        const [run] = await manager.query(
          `insert into billing_sync_runs (id, tenant_id, kind, trigger, since) values ($1, $2, 'reconcile', 'schedule', ${SINCE_LAST_SUCCESS})
           on conflict (tenant_id) where status = 'running' do nothing returning id`,
          [newId(), tenant.id],
        );
        if (!run) continue;
        await this.outbox.enqueueAfterCommit(JobName.BillingReconcile, { tenantId: tenant.id, runId: run.id });
        started += 1;
      }
    });
    return started;
  }
}
